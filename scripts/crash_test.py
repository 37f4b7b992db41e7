#!/usr/bin/env python3
"""Crash and fault testing of the `isms` command line (issue #13).

Kills `isms` with SIGKILL at random moments during

  import   a large asset import (`isms assets import`, 100,000 rows in the full run),
  export   an SoA export (`isms export soa --out …pdf`), half of the runs over an existing older export,
  edit     a bulk edit of every asset (`isms assets edit --all --set-level … --add-label …`),
  restore  a restore from a backup (`isms backup restore …`),

and after every kill checks that

  * `PRAGMA integrity_check` is ok (Python's sqlite3, the file opened read-only),
  * the operation was all or nothing: the asset count is the one before or the one after (import, restore), every
    asset carries the edit or none does (edit), the export path holds nothing, the old file, or the complete new file,
  * `isms audit verify --json` and `isms check --json` report ok,
  * every backup in the backup folder is intact, and the operation run again afterwards succeeds.

Then it fills a small tmpfs (mounted for the test; the tests run as root) during an import, a backup and an export,
and makes the database and the export folder read-only (a read-only remount, and a file without write permission
for an unprivileged user): `isms` must stop with one clear line on stderr and nothing already stored may be lost.

    scripts/crash_test.py                  # the full run: 100 kills per scenario, a 100,000-row register
    scripts/crash_test.py --short          # CI: 5 kills per scenario, 3,000 rows
    scripts/crash_test.py --runs 20 --scenarios import,edit --register big.xlsx --isms target/release/isms

Prints a table and exits non-zero on any failure. Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_ASSETS = 40
LEVELS = ["極秘", "社外秘", "公開"]


# ---------------------------------------------------------------------------------------------------------- helpers


def log(msg: str) -> None:
    print(msg, flush=True)


@dataclass
class Result:
    """What one `isms` invocation did."""

    rc: int
    out: str
    err: str
    seconds: float


class Isms:
    def __init__(self, binary: Path) -> None:
        self.binary = binary

    def cmd(self, db: Path, *args: str) -> list[str]:
        return [str(self.binary), "--db", str(db), *args]

    def run(self, db: Path, *args: str, check: bool = False, user: int | None = None, timeout: float = 900) -> Result:
        argv = self.cmd(db, *args)
        if user is not None:
            argv = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *argv]
        t0 = time.monotonic()
        p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=child_env())
        r = Result(p.returncode, p.stdout, p.stderr, time.monotonic() - t0)
        if check and r.rc != 0:
            raise SystemExit(f"crash_test: `{' '.join(argv)}` failed ({r.rc}): {r.err.strip()}")
        return r

    def start(self, db: Path, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            self.cmd(db, *args),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=child_env(),
        )


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("ISMS_DB", None)
    env.setdefault("RUST_BACKTRACE", "0")
    return env


def find_isms(explicit: str | None) -> Path:
    if explicit:
        p = Path(explicit)
        if not p.is_file():
            raise SystemExit(f"crash_test: no isms binary at {p}")
        return p.resolve()
    candidates = [ROOT / "target/release/isms", ROOT / "target/debug/isms"]
    found = [c for c in candidates if c.is_file()]
    if not found:
        raise SystemExit(
            "crash_test: build the isms binary first (cargo build --release -p isms-cli), or give --isms PATH"
        )
    # The newest build wins: a stale release binary must not hide a fresh debug one.
    return max(found, key=lambda c: c.stat().st_mtime)


def sidecars(db: Path) -> list[Path]:
    return [db, Path(f"{db}-wal"), Path(f"{db}-shm")]


def copy_db(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    for s, d in zip(sidecars(src), sidecars(dst)):
        if s.exists():
            shutil.copyfile(s, d)
        elif d.exists():
            d.unlink()


@dataclass
class DbState:
    integrity: str
    assets: int
    audit_entries: int
    # how many assets carry a label, and the distinct level ids (edit scenario)
    labelled: int = 0
    levels: tuple = ()


def db_state(db: Path, label: str | None = None) -> DbState:
    """The database as the next program to open it will see it, read without writing (mode=ro)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        rows = con.execute("PRAGMA integrity_check").fetchall()
        integrity = "; ".join(r[0] for r in rows)
        assets = con.execute("SELECT count(*) FROM assets").fetchone()[0]
        audit = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        state = DbState(integrity, assets, audit)
        if label is not None:
            state.labelled = con.execute(
                "SELECT count(*) FROM assets WHERE EXISTS (SELECT 1 FROM json_each(assets.labels) WHERE value = ?)",
                (label,),
            ).fetchone()[0]
            state.levels = tuple(
                r[0] for r in con.execute("SELECT DISTINCT level_id FROM assets ORDER BY level_id").fetchall()
            )
        return state
    finally:
        con.close()


def file_integrity(path: Path) -> str:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        try:
            return "; ".join(r[0] for r in con.execute("PRAGMA integrity_check").fetchall())
        finally:
            con.close()
    except sqlite3.Error as e:
        return f"unreadable: {e}"


def json_ok(r: Result) -> tuple[bool, str]:
    """`ok: true` in a --json report with exit 0."""
    try:
        report = json.loads(r.out)
    except json.JSONDecodeError:
        return False, f"exit {r.rc}, no JSON: {r.err.strip() or r.out.strip()}"[:300]
    if r.rc == 0 and report.get("ok") is True:
        return True, ""
    return False, f"exit {r.rc}: {json.dumps(report, ensure_ascii=False)}"[:400]


def is_complete_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def without_dates(data: bytes) -> bytes:
    """A PDF with its creation and modification times blanked: two exports of the same data made in different seconds
    differ only there (a finished export must not count as half a file because the clock moved on)."""
    return re.sub(rb"D:\d{14}", b"D:00000000000000", data)


def write_register_csv(path: Path, rows: int, prefix: str, start: int = 1) -> None:
    """An asset register the importer reads (UTF-8 with BOM, Japanese headers)."""
    places = ["本社サーバ室", "データセンター", "クラウド", "書庫"]
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["資産番号", "情報資産名", "種別", "機密区分", "機密性", "完全性", "可用性", "管理責任者",
                    "保管場所", "最終見直し日", "ラベル", "備考", "部署コード"])
        for i in range(start, start + rows):
            w.writerow([
                f"{prefix}{i:06d}", f"顧客データ {i}（第{i % 97}版）", "データ", LEVELS[i % 3],
                1 + i % 3, 1 + (i // 3) % 3, 1 + (i // 9) % 3, f"部長{i % 50}", places[i % 4],
                f"2025/{1 + i % 12}/{1 + i % 28}", "個人情報" if i % 5 == 0 else "",
                "備考 " * (i % 4), f"D{i % 30:02d}",
            ])


def kill_at(proc: subprocess.Popen, delay: float) -> tuple[bool, float]:
    """Sleeps `delay` seconds then SIGKILLs `proc`; (was it still running, seconds it ran)."""
    t0 = time.monotonic()
    deadline = t0 + delay
    while True:
        if proc.poll() is not None:
            return False, time.monotonic() - t0
        now = time.monotonic()
        if now >= deadline:
            break
        time.sleep(min(0.005, deadline - now))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return True, time.monotonic() - t0


def leftovers(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name.endswith(suffixes))


# --------------------------------------------------------------------------------------------------------- scenarios


@dataclass
class Tally:
    runs: int = 0
    killed: int = 0
    finished: int = 0
    corrupt: int = 0
    partial: int = 0
    half_files: int = 0
    chain: int = 0
    check: int = 0
    bad_backups: int = 0
    retry: int = 0
    temp_left: int = 0
    failures: list = field(default_factory=list)

    def fail(self, run: int, what: str) -> None:
        self.failures.append(f"run {run}: {what}")

    @property
    def failed(self) -> int:
        return self.corrupt + self.partial + self.half_files + self.chain + self.check + self.bad_backups + self.retry


class Crash:
    def __init__(self, args: argparse.Namespace, isms: Isms, work: Path) -> None:
        self.a = args
        self.isms = isms
        self.work = work
        self.rng = random.Random(args.seed)
        self.base = work / "template" / "base.sqlite3"  # SEED_ASSETS assets, some controls decided
        self.full = work / "template-full" / "full.sqlite3"  # base + the register imported
        self.register = Path(args.register) if args.register else work / "register.csv"
        self.rows = 0
        self.times: dict[str, float] = {}

    # --- set-up

    def prepare(self) -> None:
        a = self.a
        if not a.register:
            write_register_csv(self.register, a.rows, "IA-")
        seed = self.work / "seed.csv"
        write_register_csv(seed, SEED_ASSETS, "SEED-")
        self.base.parent.mkdir(parents=True)
        i = self.isms
        i.run(self.base, "init", "--org", "株式会社クラッシュテスト", check=True)
        i.run(self.base, "org", "set", "--scope", "本社における情報システムの運用", "--soa-number", "SOA-CRASH",
              check=True)
        i.run(self.base, "assets", "import", str(seed), check=True)
        for cid, extra in [
            ("5.1", ["--applicable", "yes", "--reason", "risk-assessment", "--status", "implemented",
                     "--owner", "情報セキュリティ委員会"]),
            ("5.15", ["--applicable", "yes", "--reason", "contractual", "--status", "planned"]),
            ("8.28", ["--applicable", "no", "--exclusion", "ソフトウェア開発を行わないため"]),
        ]:
            i.run(self.base, "controls", "set", cid, *extra, check=True)
        st = db_state(self.base)
        if st.assets != SEED_ASSETS:
            raise SystemExit(f"crash_test: the seed database has {st.assets} assets, expected {SEED_ASSETS}")
        # The whole import once: its duration sets the kill window, its result is the edit/restore template.
        copy_db(self.base, self.full)
        r = i.run(self.full, "assets", "import", str(self.register), "--json", check=True)
        report = json.loads(r.out)
        self.rows = report["inserted"] + report["updated"]
        if report["updated"] or report["rejected"] or not self.rows:
            raise SystemExit(f"crash_test: the register should only insert rows: {r.out[:300]}")
        self.times["import"] = r.seconds
        after = db_state(self.full)
        if after.assets != SEED_ASSETS + self.rows:
            raise SystemExit(f"crash_test: calibration import left {after.assets} assets")
        # The edit and restore templates must not carry the calibration import's backups.
        shutil.rmtree(self.full.parent / "backups", ignore_errors=True)
        shutil.rmtree(self.base.parent / "backups", ignore_errors=True)
        # The export: twice, to learn whether it is byte-for-byte reproducible (then a kill may leave only those bytes).
        out1, out2 = self.work / "ref1.pdf", self.work / "ref2.pdf"
        r = i.run(self.base, "export", "soa", "--out", str(out1), check=True)
        self.times["export"] = r.seconds
        i.run(self.base, "export", "soa", "--out", str(out2), check=True)
        self.export_ref = without_dates(out1.read_bytes())
        self.export_reproducible = without_dates(out1.read_bytes()) == without_dates(out2.read_bytes())
        # An older export to leave at the output path: the English one (different bytes, also a complete PDF).
        old = self.work / "old.pdf"
        i.run(self.base, "export", "soa", "--out", str(old), "--lang", "en", check=True)
        self.export_old = old.read_bytes()
        # Edit and restore once, timed on a copy.
        probe = self.work / "probe" / "p.sqlite3"
        copy_db(self.full, probe)
        r = i.run(probe, "assets", "edit", "--all", "--set-level", "公開", "--add-label", "probe", check=True)
        self.times["edit"] = r.seconds
        copy_db(self.full, probe)
        backup = self.work / "restore-from.sqlite3"
        shutil.copyfile(self.base, backup)
        r = i.run(probe, "backup", "restore", str(backup), check=True)
        self.times["restore"] = r.seconds
        if db_state(probe).assets != SEED_ASSETS:
            raise SystemExit("crash_test: the probe restore did not bring the seed database back")
        shutil.rmtree(probe.parent)
        self.restore_from = backup
        log(f"isms: {self.isms.binary}")
        log(f"register: {self.register} ({self.rows} rows), seed {SEED_ASSETS} assets, seed={self.a.seed}")
        log("uninterrupted: " + ", ".join(f"{k} {v:.2f} s" for k, v in self.times.items())
            + f"; export reproducible byte for byte: {'yes' if self.export_reproducible else 'no'}")

    # --- common checks after a kill

    def common_checks(self, t: Tally, run: int, db: Path, state: DbState) -> None:
        if state.integrity != "ok":
            t.corrupt += 1
            t.fail(run, f"integrity_check: {state.integrity[:200]}")
        ok, why = json_ok(self.isms.run(db, "audit", "verify", "--json"))
        if not ok:
            t.chain += 1
            t.fail(run, f"audit verify: {why}")
        ok, why = json_ok(self.isms.run(db, "check", "--json"))
        if not ok:
            t.check += 1
            t.fail(run, f"check: {why}")
        folder = db.parent / "backups"
        if folder.is_dir():
            for b in sorted(folder.glob("*.sqlite3")):
                integ = file_integrity(b)
                if integ != "ok":
                    t.bad_backups += 1
                    t.fail(run, f"backup {b.name}: {integ[:200]}")
        t.temp_left += len(leftovers(db.parent, (".part", ".partial", ".restoring", ".part-journal")))

    def window(self, name: str) -> float:
        # Up to 10 % past the uninterrupted time, so kills also land at the very end (and some after it).
        return self.rng.uniform(0.0, self.times[name] * 1.1)

    # --- the four scenarios

    def scenario_import(self, run: int, t: Tally) -> None:
        d = self.work / "runs" / f"import-{run}"
        db = d / "isms.sqlite3"
        copy_db(self.base, db)
        before = db_state(db).assets
        proc = self.isms.start(db, "assets", "import", str(self.register))
        killed, _ = kill_at(proc, self.window("import"))
        t.killed += killed
        t.finished += not killed
        st = db_state(db)
        if st.assets not in (before, before + self.rows) or (not killed and proc.returncode == 0
                                                               and st.assets != before + self.rows):
            t.partial += 1
            t.fail(run, f"{st.assets} assets after the kill: neither {before} nor {before + self.rows}")
        self.common_checks(t, run, db, st)
        # The import run again completes (nothing left half-done blocks it).
        r = self.isms.run(db, "assets", "import", str(self.register), "--json")
        if r.rc != 0 or db_state(db).assets != before + self.rows:
            t.retry += 1
            t.fail(run, f"import again: exit {r.rc}, {db_state(db).assets} assets: {r.err.strip()[:200]}")
        shutil.rmtree(d)

    def scenario_export(self, run: int, t: Tally) -> None:
        d = self.work / "runs" / f"export-{run}"
        db = d / "isms.sqlite3"
        copy_db(self.base, db)
        out = d / "out" / "適用宣言書.pdf"
        out.parent.mkdir(parents=True)
        had_old = run % 2 == 1
        if had_old:
            out.write_bytes(self.export_old)
        proc = self.isms.start(db, "export", "soa", "--out", str(out))
        killed, _ = kill_at(proc, self.window("export"))
        t.killed += killed
        t.finished += not killed
        if out.exists():
            data = out.read_bytes()
            good = (had_old and data == self.export_old) or (
                without_dates(data) == self.export_ref if self.export_reproducible else is_complete_pdf(data))
            if not good:
                t.half_files += 1
                t.fail(run, f"{out.name}: {len(data)} bytes that are neither the old file nor the whole export")
        elif not killed and proc.returncode == 0:
            t.half_files += 1
            t.fail(run, "the export finished but wrote no file")
        elif had_old:
            t.half_files += 1
            t.fail(run, "the older export at the output path was lost")
        self.common_checks(t, run, db, db_state(db))
        r = self.isms.run(db, "export", "soa", "--out", str(out))
        if r.rc != 0 or not is_complete_pdf(out.read_bytes()):
            t.retry += 1
            t.fail(run, f"export again: exit {r.rc}: {r.err.strip()[:200]}")
        shutil.rmtree(d)

    def scenario_edit(self, run: int, t: Tally) -> None:
        d = self.work / "runs" / f"edit-{run}"
        db = d / "isms.sqlite3"
        copy_db(self.full, db)
        label = f"棚卸{run}"
        level = "公開"
        before = db_state(db, label)
        proc = self.isms.start(db, "assets", "edit", "--all", "--set-level", level, "--add-label", label)
        killed, _ = kill_at(proc, self.window("edit"))
        t.killed += killed
        t.finished += not killed
        st = db_state(db, label)
        all_or_nothing = (st.labelled == 0 and st.levels == before.levels) or (
            st.labelled == st.assets and len(st.levels) == 1)
        if not all_or_nothing or st.assets != before.assets:
            t.partial += 1
            t.fail(run, f"edit half applied: {st.labelled}/{st.assets} labelled, levels {st.levels}")
        self.common_checks(t, run, db, st)
        r = self.isms.run(db, "assets", "edit", "--all", "--set-level", level, "--add-label", label)
        if r.rc != 0 or db_state(db, label).labelled != st.assets:
            t.retry += 1
            t.fail(run, f"edit again: exit {r.rc}: {r.err.strip()[:200]}")
        shutil.rmtree(d)

    def scenario_restore(self, run: int, t: Tally) -> None:
        d = self.work / "runs" / f"restore-{run}"
        db = d / "isms.sqlite3"
        copy_db(self.full, db)
        backup = d / "from" / "isms-backup.sqlite3"
        backup.parent.mkdir(parents=True)
        shutil.copyfile(self.restore_from, backup)
        before, restored = db_state(db).assets, db_state(backup).assets
        proc = self.isms.start(db, "backup", "restore", str(backup))
        killed, _ = kill_at(proc, self.window("restore"))
        t.killed += killed
        t.finished += not killed
        st = db_state(db)
        if st.assets not in (before, restored) or (not killed and proc.returncode == 0 and st.assets != restored):
            t.partial += 1
            t.fail(run, f"{st.assets} assets after the kill: neither {before} (current) nor {restored} (backup)")
        self.common_checks(t, run, db, st)
        r = self.isms.run(db, "backup", "restore", str(backup))
        if r.rc != 0 or db_state(db).assets != restored:
            t.retry += 1
            t.fail(run, f"restore again: exit {r.rc}: {r.err.strip()[:200]}")
        shutil.rmtree(d)

    def run_scenario(self, name: str) -> Tally:
        t = Tally()
        step = getattr(self, f"scenario_{name}")
        for run in range(self.a.runs):
            step(run, t)
            t.runs += 1
            if self.a.runs >= 20 and (run + 1) % 10 == 0:
                log(f"  {name}: {run + 1}/{self.a.runs} runs, {t.failed} failures")
        return t


# ------------------------------------------------------------------------------------------ full disk and read-only


class Faults:
    """A full filesystem and read-only files and folders: one clear line from `isms`, nothing stored lost."""

    def __init__(self, crash: Crash) -> None:
        self.c = crash
        self.isms = crash.isms
        self.results: list[tuple[str, bool, str]] = []
        self.mounts: list[Path] = []

    def record(self, name: str, ok: bool, detail: str) -> None:
        self.results.append((name, ok, detail))
        log(f"  {'ok  ' if ok else 'FAIL'} {name}: {detail}")

    def mount(self, name: str, size_kib: int) -> Path | None:
        m = self.c.work / "mnt" / name
        m.mkdir(parents=True)
        p = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0777", "tmpfs", str(m)],
                           capture_output=True, text=True)
        if p.returncode != 0:
            return None
        self.mounts.append(m)
        return m

    def remount(self, m: Path, opts: str) -> bool:
        return subprocess.run(["mount", "-o", f"remount,{opts}", str(m)], capture_output=True).returncode == 0

    def cleanup(self) -> None:
        for m in reversed(self.mounts):
            subprocess.run(["umount", "-l", str(m)], capture_output=True)

    @staticmethod
    def one_clear_line(r: Result, words: tuple[str, ...]) -> tuple[bool, str]:
        # Warnings (e.g. the daily backup could not be made) may come first; the error itself is one line.
        lines = [l for l in r.err.splitlines() if l.strip() and not l.startswith("isms: warning:")]
        msg = lines[0] if lines else ""
        if r.rc == 0:
            return False, "succeeded where it should have failed"
        if len(lines) != 1 or not msg.startswith("isms: error:") or "panicked" in r.err:
            return False, f"exit {r.rc}, stderr: {r.err.strip()[:300]!r}"
        if not any(w in msg.lower() for w in words):
            return False, f"unclear: {msg}"
        return True, msg

    def intact(self, db: Path, expect_assets: int) -> tuple[bool, str]:
        st = db_state(db)
        ok_v, why_v = json_ok(self.isms.run(db, "audit", "verify", "--json"))
        problems = []
        if st.integrity != "ok":
            problems.append(f"integrity {st.integrity[:100]}")
        if st.assets != expect_assets:
            problems.append(f"{st.assets} assets, expected {expect_assets}")
        if not ok_v:
            problems.append(f"chain: {why_v}")
        return not problems, "; ".join(problems) or f"{st.assets} assets, chain ok"

    def fill(self, m: Path, leave_kib: int) -> None:
        """Fills the filesystem at `m` to `leave_kib` KiB free."""
        filler = m / "filler.bin"
        st = os.statvfs(m)
        free = st.f_bavail * st.f_frsize
        size = max(0, free - leave_kib * 1024)
        with filler.open("ab") as f:
            f.write(b"\0" * size)

    def run_all(self) -> None:
        probe = self.mount("probe", 1024)
        if probe is None:
            self.record("mount a tmpfs", False,
                        "cannot mount (not root?): the full-disk and read-only tests need a small tmpfs")
            return
        try:
            self.disk_full_import()
            self.disk_full_backup()
            self.disk_full_export()
            self.read_only_folder()
            self.read_only_file()
            self.read_only_folder_unprivileged()
            self.read_only_export()
        finally:
            self.cleanup()

    def small_db_on(self, m: Path, template: Path) -> Path:
        db = m / "isms.sqlite3"
        copy_db(template, db)
        return db

    def disk_full_import(self) -> None:
        """The import runs out of space in the middle (its backup fits): one line, the database as it was."""
        base_kib = self.c.base.stat().st_size // 1024
        m = self.mount("full-import", base_kib * 2 + 1024)
        db = self.small_db_on(m, self.c.base)
        r = self.isms.run(db, "assets", "import", str(self.c.register))
        ok, msg = self.one_clear_line(r, ("full", "space", "disk"))
        ok2, detail = self.intact(db, SEED_ASSETS)
        self.record("disk full during an import", ok and ok2, f"{msg} | {detail}")
        # With room again, the same import goes through.
        self.remount(m, f"size={self.c.full.stat().st_size // 1024 * 3 + 8192}k")
        (m / "backups").exists() and shutil.rmtree(m / "backups")
        r = self.isms.run(db, "assets", "import", str(self.c.register))
        ok3, detail3 = self.intact(db, SEED_ASSETS + self.c.rows)
        self.record("the import once there is room again", r.rc == 0 and ok3, detail3 + (
            "" if r.rc == 0 else f" | exit {r.rc}: {r.err.strip()[:200]}"))

    def disk_full_backup(self) -> None:
        """No room even for the backup made before an import: refused before anything is written."""
        m = self.mount("full-backup", self.c.base.stat().st_size // 1024 + 256)
        db = self.small_db_on(m, self.c.base)
        self.fill(m, 64)
        r = self.isms.run(db, "assets", "import", str(self.c.register))
        ok, msg = self.one_clear_line(r, ("full", "space", "disk"))
        ok2, detail = self.intact(db, SEED_ASSETS)
        left = leftovers(m, (".part", ".part-journal"))
        self.record("disk full while backing up before an import", ok and ok2 and not left,
                    f"{msg} | {detail}" + (f" | left behind: {', '.join(p.name for p in left)}" if left else ""))
        # Still full (the day's backup cannot be made either): the data can still be read and checked.
        r = self.isms.run(db, "assets", "list", "--json")
        readable = r.rc == 0 and len(json.loads(r.out or "[]")) == SEED_ASSETS
        warned = "isms: warning: the daily backup could not be made" in r.err
        self.record("reading on a full disk", readable and warned,
                    f"exit {r.rc}, " + (r.err.strip().splitlines() or [""])[0][:200])

    def disk_full_export(self) -> None:
        """An SoA export that does not fit: one line, no file (or the previous one) at the output path."""
        m = self.mount("full-export", 2048)
        out = m / "適用宣言書.pdf"
        self.fill(m, 96)
        r = self.isms.run(self.c.base, "export", "soa", "--out", str(out))
        ok, msg = self.one_clear_line(r, ("full", "space", "disk"))
        left = [p.name for p in m.iterdir() if p.name != "filler.bin"]
        self.record("disk full during an export", ok and not left,
                    msg + (f" | left in the folder: {', '.join(left)}" if left else " | nothing left in the folder"))

    def read_only_folder(self) -> None:
        """The database's filesystem mounted read-only: writes refused in one line, reads work or fail clearly."""
        m = self.mount("ro-db", self.c.base.stat().st_size // 1024 * 4 + 4096)
        db = self.small_db_on(m, self.c.base)
        self.remount(m, "ro")
        r = self.isms.run(db, "assets", "set", "SEED-000001", "--owner", "総務部")
        ok, msg = self.one_clear_line(r, ("read-only", "readonly", "read only", "permission"))
        self.remount(m, "rw")
        ok2, detail = self.intact(db, SEED_ASSETS)
        self.record("database on a read-only filesystem: a change", ok and ok2, f"{msg} | {detail}")
        self.remount(m, "ro")
        r = self.isms.run(db, "assets", "list", "--json")
        if r.rc == 0:
            ok3, msg3 = len(json.loads(r.out)) == SEED_ASSETS, "assets list reads it"
        else:
            ok3, msg3 = self.one_clear_line(r, ("read-only", "readonly", "read only", "permission"))
        self.remount(m, "rw")
        self.record("database on a read-only filesystem: a read", ok3, msg3)

    def read_only_file(self) -> None:
        """A database file without write permission, opened by an unprivileged user (root ignores permissions)."""
        d = self.c.work / "ro-file"
        d.mkdir()
        os.chmod(self.c.work, 0o711)  # the unprivileged user may pass through the (0700) work folder
        db = d / "isms.sqlite3"
        copy_db(self.c.base, db)
        os.chmod(d, 0o777)
        os.chmod(db, 0o444)
        r = self.isms.run(db, "assets", "set", "SEED-000001", "--owner", "総務部", user=65534)
        ok, msg = self.one_clear_line(r, ("read-only", "readonly", "read only", "permission"))
        os.chmod(db, 0o644)
        ok2, detail = self.intact(db, SEED_ASSETS)
        self.record("read-only database file: a change", ok and ok2, f"{msg} | {detail}")

    def read_only_folder_unprivileged(self) -> None:
        """A writable database file in a folder the user may not write to (SQLite keeps -wal and -shm beside it)."""
        d = self.c.work / "ro-folder"
        d.mkdir()
        os.chmod(self.c.work, 0o711)
        db = d / "isms.sqlite3"
        copy_db(self.c.base, db)
        os.chmod(db, 0o666)
        os.chmod(d, 0o555)
        r = self.isms.run(db, "assets", "set", "SEED-000001", "--owner", "総務部", user=65534)
        ok, msg = self.one_clear_line(r, ("read-only", "readonly", "read only", "permission", "writable"))
        os.chmod(d, 0o755)
        ok2, detail = self.intact(db, SEED_ASSETS)
        self.record("database in a read-only folder: a change", ok and ok2, f"{msg} | {detail}")

    def read_only_export(self) -> None:
        """An export into a read-only folder: one line, nothing written."""
        m = self.mount("ro-out", 1024)
        self.remount(m, "ro")
        out = m / "soa.pdf"
        r = self.isms.run(self.c.base, "export", "soa", "--out", str(out))
        ok, msg = self.one_clear_line(r, ("read-only", "readonly", "read only", "permission"))
        self.remount(m, "rw")
        left = list(m.iterdir())
        self.record("export into a read-only folder", ok and not left, msg)


# -------------------------------------------------------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, help="kills per scenario (default 100, --short 5)")
    ap.add_argument("--short", action="store_true", help="the CI form: 5 runs each, a 3,000-row register")
    ap.add_argument("--rows", type=int, help="rows of the generated register (default 100000, --short 3000)")
    ap.add_argument("--register", help="an asset register to import instead of the generated CSV (e.g. the "
                                       "benchmark's: cargo bench -p isms-sheets --bench asset_import -- --generate F)")
    ap.add_argument("--scenarios", default="import,export,edit,restore,faults",
                    help="comma-separated: import, export, edit, restore, faults")
    ap.add_argument("--isms", help="the isms binary [default: the newer of target/release/isms and target/debug/isms]")
    ap.add_argument("--seed", type=int, default=None, help="random seed (printed, for reproducing a run)")
    ap.add_argument("--workdir", help="where to work [default: a new temporary folder, removed afterwards]")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    a = ap.parse_args()
    a.runs = a.runs if a.runs is not None else (5 if a.short else 100)
    a.rows = a.rows if a.rows is not None else (3000 if a.short else 100_000)
    a.seed = a.seed if a.seed is not None else random.randrange(1 << 30)
    scenarios = [s.strip() for s in a.scenarios.split(",") if s.strip()]
    unknown = set(scenarios) - {"import", "export", "edit", "restore", "faults"}
    if unknown:
        ap.error(f"unknown scenarios: {', '.join(sorted(unknown))}")

    isms = Isms(find_isms(a.isms))
    work = Path(a.workdir) if a.workdir else Path(tempfile.mkdtemp(prefix="isms-crash-"))
    work.mkdir(parents=True, exist_ok=True)
    crash = Crash(a, isms, work)
    t0 = time.monotonic()
    failed = False
    try:
        crash.prepare()
        tallies: dict[str, Tally] = {}
        for s in scenarios:
            if s == "faults":
                continue
            log(f"== {s}: {a.runs} runs, SIGKILL at a random moment")
            tallies[s] = crash.run_scenario(s)
        faults = None
        if "faults" in scenarios:
            log("== full disk and read-only")
            faults = Faults(crash)
            faults.run_all()

        log("")
        head = ["scenario", "runs", "killed", "finished", "corrupt db", "partial", "half files", "chain fail",
                "check fail", "bad backups", "retry fail", "temp left"]
        widths = [max(len(h), 8) for h in head]
        log("  ".join(h.rjust(w) if i else h.ljust(w) for i, (h, w) in enumerate(zip(head, widths))))
        for name, t in tallies.items():
            cells = [name, t.runs, t.killed, t.finished, t.corrupt, t.partial, t.half_files, t.chain, t.check,
                     t.bad_backups, t.retry, t.temp_left]
            log("  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(cells, widths))))
        log("(partial: an import or restore neither before nor after, an edit half applied; half files: bytes at the "
            "export path that are neither the old file nor the whole export; temp left: .part/.partial/.restoring "
            "files left beside the database or in its backups folder — never at an output path)")
        for name, t in tallies.items():
            for f in t.failures[:20]:
                log(f"  {name} {f}")
            if t.failed:
                failed = True
        if faults:
            bad = [r for r in faults.results if not r[1]]
            log(f"full disk and read-only: {len(faults.results) - len(bad)}/{len(faults.results)} ok")
            failed = failed or bool(bad)
        log(f"{'FAILED' if failed else 'all ok'} in {time.monotonic() - t0:.0f} s (seed {a.seed})")
    finally:
        if a.keep or a.workdir:
            log(f"work folder kept: {work}")
        else:
            subprocess.run(["umount", "-l", *[str(p) for p in (work / "mnt").glob("*")]], capture_output=True)
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

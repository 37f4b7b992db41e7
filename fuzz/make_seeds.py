#!/usr/bin/env python3
"""Builds the fuzz targets' seed inputs from tests/fixtures/ (and templates/import/), copied — never moved — into
fuzz/seeds/<target>/. Each input starts with the selector byte its target reads (see fuzz/src/<target>.rs).

    python3 fuzz/make_seeds.py          # then: cargo +nightly fuzz run <target> fuzz/corpus/<target> fuzz/seeds/<target>
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"
OUT = ROOT / "fuzz" / "seeds"

# spreadsheet selector: bits 0–1 kind, bits 2–4 form, bit 5 whole sheet, bit 6 preview
ASSETS, SUPPLIERS, CONTROLS = 0, 1, 2
RAW_XLSX, RAW_CSV, BUILT_XLSX, BUILT_ODS, XLS, RAW_ODS, RAW_XLS = 0, 1, 2, 3, 4, 5, 7
SST_MARK = b"<!--sst-->"


def sel(kind: int, form: int, whole: bool = False, preview: bool = False) -> int:
    return kind | form << 2 | (0x20 if whole else 0) | (0x40 if preview else 0)


def put(target: str, data: bytes) -> None:
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def spreadsheet() -> None:
    files = {
        ASSETS: sorted((FIX / "assets").glob("*.*")),
        SUPPLIERS: sorted((FIX / "suppliers").glob("*.*")),
        CONTROLS: sorted((FIX / "soa").glob("*.*")),
    }
    forms = {".xlsx": RAW_XLSX, ".csv": RAW_CSV, ".ods": RAW_ODS, ".xls": RAW_XLS}
    for kind, paths in files.items():
        for p in paths:
            form = forms.get(p.suffix)
            if form is None:
                continue
            data = p.read_bytes()
            for k in {kind, ASSETS}:
                put("spreadsheet", bytes([sel(k, form)]) + data)
            put("spreadsheet", bytes([sel(kind, form, whole=True, preview=True)]) + data)
            if p.suffix == ".xls":
                put("spreadsheet", bytes([sel(kind, XLS)]) + data)
            if p.suffix == ".xlsx" and data:
                try:
                    z = zipfile.ZipFile(p)
                except zipfile.BadZipFile:
                    continue
                names = z.namelist()
                sst = z.read("xl/sharedStrings.xml") if "xl/sharedStrings.xml" in names else b""
                for n in names:
                    if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n):
                        body = z.read(n) + (SST_MARK + sst if sst else b"")
                        put("spreadsheet", bytes([sel(kind, BUILT_XLSX)]) + body)
            if p.suffix == ".ods":
                content = zipfile.ZipFile(p).read("content.xml")
                put("spreadsheet", bytes([sel(kind, BUILT_ODS)]) + content)
    # A date cell far outside Excel's calendar, and a few shapes the fixtures lack.
    sheet = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             b'<row r="1"><c r="A1" t="inlineStr"><is><t>\xe8\xb3\x87\xe7\x94\xa3\xe7\x95\xaa\xe5\x8f\xb7</t></is></c>'
             b'<c r="B1" t="inlineStr"><is><t>\xe6\x83\x85\xe5\xa0\xb1\xe8\xb3\x87\xe7\x94\xa3\xe5\x90\x8d</t></is></c>'
             b'<c r="C1" t="inlineStr"><is><t>\xe6\x9c\x80\xe7\xb5\x82\xe8\xa6\x8b\xe7\x9b\xb4\xe3\x81\x97\xe6\x97\xa5</t></is></c></row>'
             b'<row r="2"><c r="A2" t="inlineStr"><is><t>IA-1</t></is></c><c r="B2" t="s"><v>0</v></c>'
             b'<c r="C2" s="1"><v>45383</v></c></row></sheetData>'
             b'<mergeCells count="1"><mergeCell ref="A3:B4"/></mergeCells></worksheet>')
    sst = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
           b'<si><t>\xe9\xa1\xa7\xe5\xae\xa2\xe5\x90\x8d\xe7\xb0\xbf</t></si></sst>')
    put("spreadsheet", bytes([sel(ASSETS, BUILT_XLSX)]) + sheet + SST_MARK + sst)


def values() -> None:
    for e in json.loads((FIX / "dates.json").read_text(encoding="utf-8")):
        for s in (0, 1, 2, 3):
            put("values", bytes([s]) + e["text"].encode())
    for text in ["高", "中", "低", "大", "High", "３", "2.5", "-", "ＩＡ－０００３", "  ＩＡ０１  ", "'=SUM(A1)", "'normal",
                 "個人情報、重要; 機密／社外秘", "※ 注意書き\t\t", "令和元年5月1日", "平成31年4月30日", "H31.4.30",
                 "昭和64年1月7日", "2024/13/45", "2024/2/30", "2026-04-01T09:00:00+09:00", "\x00\x00\x00\x00\x00\x00\xe6@",
                 "\x00\x00\x00\x00\x00\x2a\xe6\x40"]:
        for s in (0, 5, 9):
            put("values", bytes([s]) + text.encode("utf-8", "surrogateescape"))


def mapping() -> None:
    for i, name in enumerate(["asset", "supplier", "control"]):
        text = (ROOT / "templates" / "import" / f"{name}-columns.toml").read_text(encoding="utf-8")
        # A user's mapping file has only [fields].
        fields = text.split("[fields]", 1)[1].split("\n[", 1)[0]
        put("mapping", bytes([i]) + ("[fields]" + fields).encode())
    put("mapping", bytes([0]) + '[fields]\nowner = ["担当役員"]\ncustodian = ["管理者（正）"]\nnotes = ["摘要"]\n'.encode())
    put("mapping", bytes([0]) + '# saved by the wizard\n[fields]\ncustodian = ["管理責任者"]\n'.encode())
    for p in sorted((FIX / "assets").glob("*.csv")) + sorted((FIX / "suppliers").glob("*.csv")):
        raw = p.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp932", errors="replace")
        header = "\t".join(text.splitlines()[0].split(",")) if text else ""
        put("mapping", bytes([0 if "assets" in str(p) else 1]) + ('[fields]\nname = ["資産名称"]\n' + header).encode())


def pdf_text() -> None:
    texts = []
    for p in sorted((FIX / "whitepapers").glob("*.toml")):
        for m in re.finditer(r'"((?:[^"\\\n]|\\.){12,})"', p.read_text(encoding="utf-8")):
            texts.append(m.group(1).replace("\\n", "\n"))
    texts = sorted(set(texts), key=lambda t: hashlib.sha1(t.encode()).hexdigest())[:60]
    texts += [
        "情報セキュリティ方針を定め、（仮称）「情報」『資産』【重要】を扱う！本当？",
        "https://example.com/very/long/path/to/a/document/that/does/not/fit/on/one/line/at/all",
        "A.5.1|情報セキュリティのための方針群|代表取締役 田中 一郎\n8.28|セキュアコーディング|開発部",
        "絵文字😀と𠮷野家と한국어とनमस्ते、タブ\tと制御文字\x07、改行\r\nと行区切り\u2028",
        "チェック、ロック、ショック。しょうちょうきょうりょく",
        "#1A2B3C",
    ]
    for i, t in enumerate(texts):
        for s in (i % 8, 8 + i % 8, 0x40 | (6 + (i % 2)), 0x87 | (i % 4) << 4):
            put("pdf_text", bytes([s & 0xFF]) + t.encode())


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    spreadsheet()
    values()
    mapping()
    pdf_text()
    for d in sorted(OUT.iterdir()):
        files = list(d.iterdir())
        print(f"{d.name}: {len(files)} seeds, {sum(f.stat().st_size for f in files)} bytes")


if __name__ == "__main__":
    main()

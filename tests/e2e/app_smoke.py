#!/usr/bin/env python3
"""Smoke test of the ISMS Desk app in its real webview (WebKitGTK), driven over W3C WebDriver by WebKitWebDriver.

Usage (under Xvfb): python3 tests/e2e/app_smoke.py target/debug/isms-desk
A database is prepared with the `isms` CLI (same API as the app), the app is started on it, and the window must show
the organisation, 93 Annex A controls with their Japanese titles, and what the CLI recorded. A screenshot of the window
is written to test-output/app-main.png. Standard library only.
"""

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "test-output")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriver:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.session = None

    def call(self, method, path, body=None, timeout=60):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return json.loads(r.read() or b"{}").get("value")
        except urllib.error.HTTPError as e:
            raise AssertionError(f"WebDriver {method} {path}: {e.code} {e.read()[:500]!r}")

    def start(self, binary):
        caps = {"capabilities": {"alwaysMatch": {"webkitgtk:browserOptions": {"binary": binary, "args": []}}}}
        value = self.call("POST", "/session", caps, timeout=120)
        self.session = value["sessionId"]

    def script(self, source):
        return self.call("POST", f"/session/{self.session}/execute/sync", {"script": source, "args": []})

    def wait_for(self, source, what, timeout=60):
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            last = self.script(source)
            if last:
                return last
            time.sleep(0.25)
        raise AssertionError(f"timed out waiting for {what}; last value: {last!r}")

    def screenshot(self, path):
        png = base64.b64decode(self.call("GET", f"/session/{self.session}/screenshot"))
        with open(path, "wb") as f:
            f.write(png)

    def quit(self):
        if self.session:
            try:
                self.call("DELETE", f"/session/{self.session}", timeout=20)
            except Exception:
                pass


def wait_port(port, proc, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise AssertionError("WebKitWebDriver exited early")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError("WebKitWebDriver did not listen")


def main():
    app = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/debug/isms-desk"))
    isms = os.path.join(os.path.dirname(app), "isms")
    os.makedirs(OUT, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="isms-e2e-")
    db = os.path.join(tmp, "isms.sqlite3")
    env = dict(os.environ, ISMS_DB=db, TAURI_WEBVIEW_AUTOMATION="true")

    subprocess.run([isms, "--db", db, "init", "--org", "株式会社サンプル"], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    subprocess.run([isms, "--db", db, "controls", "set", "5.1", "--applicable", "yes", "--status", "implemented",
                    "--owner", "ISMS事務局"], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run([isms, "--db", db, "controls", "set", "8.28", "--applicable", "no", "--exclusion",
                    "ソフトウェア開発を行わないため"], check=True, env=env, stdout=subprocess.DEVNULL)

    driver_bin = shutil.which("WebKitWebDriver")
    assert driver_bin, "WebKitWebDriver is not installed (Debian package webkit2gtk-driver)"
    port = free_port()
    driver = subprocess.Popen([driver_bin, f"--port={port}"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wd = WebDriver(port)
    passed = failed = 0
    try:
        wait_port(port, driver)
        wd.start(app)
        checks = []

        rows = wd.wait_for("return document.querySelectorAll('#register tr[data-control]').length || 0",
                           "the register table")
        checks.append(("93 Annex A controls listed", rows == 93, rows))

        header = wd.wait_for("return document.getElementById('database').textContent.includes('株式会社サンプル')"
                             " && document.getElementById('database').textContent", "the organisation name")
        checks.append(("organisation and database path shown", db in header, header))

        summary = wd.script("return Array.from(document.querySelectorAll('#summary tbody tr'))"
                            ".map(r => Array.from(r.cells).map(c => c.textContent))")
        annex = summary[0] if summary else []
        checks.append(("summary row for 27001:2022: 93 controls, 1 applicable, 1 excluded, 91 undecided, 1 implemented",
                       annex[1:] == ["93", "1", "1", "91", "1"], annex))

        first = wd.script("const r = document.querySelector('#register tr[data-control=\"5.1\"]');"
                          "return Array.from(r.cells).map(c => c.textContent)")
        checks.append(("5.1 shows its Japanese title and what the CLI recorded",
                       first == ["5.1", "情報セキュリティのための方針群", "○", "実施済み", "ISMS事務局"], first))
        excluded = wd.script("return document.querySelector('#register tr[data-control=\"8.28\"]').cells[2].textContent")
        checks.append(("8.28 shown as not applicable", excluded == "×", excluded))

        error_shown = wd.script("return !document.getElementById('error').hidden")
        checks.append(("no error shown", error_shown is False, error_shown))

        wd.screenshot(os.path.join(OUT, "app-main.png"))
        for name, ok, got in checks:
            print(f"{'ok' if ok else 'FAIL'}: {name}" + ("" if ok else f" (got {got!r})"))
            passed += ok
            failed += not ok
    except AssertionError as e:
        print(f"FAIL: {e}")
        failed += 1
    finally:
        wd.quit()
        driver.terminate()
        try:
            driver.wait(timeout=10)
        except subprocess.TimeoutExpired:
            driver.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"e2e: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

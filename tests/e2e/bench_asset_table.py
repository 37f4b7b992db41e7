#!/usr/bin/env python3
"""Benchmark (not a test): the asset table of the real app with a large inventory.

Usage (under Xvfb): python3 tests/e2e/bench_asset_table.py target/debug/isms-desk DB.sqlite3
DB should hold a large inventory, e.g. `isms --db DB assets import` of the 100,000-row register that
`cargo bench -p isms-sheets` generates. Prints how long the Assets screen takes to show all rows, how many row
elements the virtualised table keeps in the page, and how long a jump-scroll takes to paint.
"""

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from app_e2e import App  # noqa: E402


def main():
    binary, db = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    tmp = tempfile.mkdtemp(prefix="isms-bench-")
    xdg = {k: os.path.join(tmp, k.lower()) for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    env = dict(os.environ, ISMS_DB=db, TAURI_WEBVIEW_AUTOMATION="true", LANG="ja_JP.UTF-8", **xdg)
    app = App(binary, env)
    try:
        app.wait("return document.querySelector('[data-count=applicable]')?.textContent", "dashboard", timeout=120)
        start = time.time()
        app.nav("assets")
        count = app.wait("const t = document.getElementById('asset-count')?.textContent; "
                         "return t && !t.startsWith('0') && t", "assets", timeout=300)
        app.wait("return document.querySelectorAll('[data-asset]').length > 0", "rows", timeout=300)
        shown = time.time() - start
        rows_in_dom = app.js("return document.querySelectorAll('[data-asset]').length")
        jumps = []
        for frac in (0.25, 0.5, 0.75, 0.999, 0.1):
            t0 = time.time()
            app.js("const t = document.getElementById('asset-table'); t.scrollTop = t.scrollHeight * arguments[0];"
                   "t.dispatchEvent(new Event('scroll'));", frac)
            app.wait("const t = document.getElementById('asset-table');"
                     "const first = Math.floor(t.scrollTop / 30);"
                     "return Array.from(document.querySelectorAll('[data-asset]')).some(r => Math.abs(parseInt(r.style.top) / 30 - 1 - first) < 3)",
                     "paint after scroll", timeout=30)
            jumps.append(time.time() - t0)
        print(f"asset table: {count.strip()}")
        print(f"  screen shown with all rows loaded: {shown:.2f} s")
        print(f"  row elements in the page: {rows_in_dom}")
        print(f"  jump-scroll to paint (incl. WebDriver round trips): {', '.join(f'{j * 1000:.0f} ms' for j in jumps)}")
    finally:
        app.quit()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmark (not a test): the asset table of the real app with a large inventory.

Usage (under Xvfb): python3 tests/e2e/bench_asset_table.py target/debug/isms-desk DB.sqlite3
DB should hold a large inventory, e.g. `isms --db DB assets import` of the 100,000-row register that
`cargo bench -p isms-sheets --bench asset_import -- --generate FILE.xlsx` writes. Prints how long the Assets screen
takes to show its first rows (the table reads the inventory a page at a time), how many row elements the virtualised
table keeps in the page, and how long a jump-scroll takes until the rows at the new position are painted (timed in the
page, so WebDriver's polling is not counted).
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
            ms = app.call("POST", f"/session/{app.session}/execute/async", {"script": """
                const [frac, done] = arguments;
                const t = document.getElementById('asset-table');
                const t0 = performance.now();
                t.scrollTop = t.scrollHeight * frac;
                t.dispatchEvent(new Event('scroll'));
                const painted = () => {
                    const first = Math.floor(t.scrollTop / 30);
                    return Array.from(document.querySelectorAll('[data-asset]'))
                        .some(r => Math.abs(parseInt(r.style.top) / 30 - 1 - first) < 3);
                };
                const poll = () => painted() ? requestAnimationFrame(() => done(performance.now() - t0)) : requestAnimationFrame(poll);
                poll();""", "args": [frac]}, timeout=60)
            jumps.append(ms / 1000)
        # A search typed in the box: from the last keystroke to the new count (the box waits 250 ms for typing to pause).
        search_ms = app.call("POST", f"/session/{app.session}/execute/async", {"script": """
            const done = arguments[0];
            const box = document.getElementById('asset-search');
            const count = document.getElementById('asset-count');
            const before = count.textContent;
            const t0 = performance.now();
            box.value = '第50000号';
            box.dispatchEvent(new Event('input', {bubbles: true}));
            const poll = () => count.textContent !== before ? done([performance.now() - t0, count.textContent]) : requestAnimationFrame(poll);
            poll();""", "args": []}, timeout=60)
        print(f"asset table: {count.strip()}")
        print(f"  screen shown with its first rows: {shown:.2f} s")
        print(f"  row elements in the page: {rows_in_dom}")
        print(f"  jump-scroll to painted rows: {', '.join(f'{j * 1000:.0f} ms' for j in jumps)}")
        print(f"  search over every field to the new count: {search_ms[0]:.0f} ms (incl. the 250 ms typing pause) → {search_ms[1].strip()}")
    finally:
        app.quit()


if __name__ == "__main__":
    main()

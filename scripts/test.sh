#!/usr/bin/env bash
# Installs what is missing (the UI packages exactly as locked, with npm ci), then runs every test: the UI's type check and unit tests, formatting, clippy, the Rust
# test suites (unit, store, CLI, exports, imports, the IPC types drift check, the fuzz corpus replayed), the short crash
# and fault test (scripts/crash_test.py --short), and the app end to end in its real webview under Xvfb. Screenshots go
# to test-output/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh --test
export PATH="$HOME/.cargo/bin:$PATH"

echo "== UI: install, type check, unit tests, build"
(cd ui && npm ci --no-audit --no-fund && npm run check && npm test && npm run build)
echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --locked --workspace --all-targets -- -D warnings
echo "== cargo test (with the fuzz replay: every input of fuzz/corpus/ and fuzz/regressions/ through crates/isms-sheets/tests/fuzz_corpus.rs and crates/isms-pdf/tests/fuzz_corpus.rs)"
cargo test --locked --workspace
echo "== build the app and the CLI"
cargo build --locked -p isms-desk -p isms-cli
echo "== crash and fault test, short form (kill -9 during import, export, bulk edit, restore; full disk; read-only)"
python3 scripts/crash_test.py --short --isms target/debug/isms
echo "== app end to end (real webview, Xvfb)"
xvfb-run -a -s "-screen 0 1400x900x24" python3 tests/e2e/app_e2e.py target/debug/isms-desk
echo "== the tree is as it was: no tracked file changed by the run"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  if ! git diff --quiet --exit-code; then
    git --no-pager diff --stat
    echo "test.sh: the run changed tracked files (above); commit what it regenerates, or fix what rewrites them" >&2
    exit 1
  fi
fi

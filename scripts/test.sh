#!/usr/bin/env bash
# Installs what is missing, then runs every test: formatting, clippy, the Rust test suites (unit, store, CLI),
# and the app's smoke test in its real webview under Xvfb. Screenshots go to test-output/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh --test
export PATH="$HOME/.cargo/bin:$PATH"

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --locked --workspace --all-targets -- -D warnings
echo "== cargo test"
cargo test --locked --workspace
echo "== app smoke test (real webview, Xvfb)"
cargo build --locked -p isms-desk
xvfb-run -a -s "-screen 0 1400x900x24" python3 tests/e2e/app_smoke.py target/debug/isms-desk

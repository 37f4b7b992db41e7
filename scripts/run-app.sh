#!/usr/bin/env bash
# Installs what is missing, builds and starts ISMS Desk on its default database
# (~/.local/share/jp.ismsdesk.desk/isms.sqlite3, created on first start; ISMS_DB=PATH opens another).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
export PATH="$HOME/.cargo/bin:$PATH"
(cd ui && npm ci --no-audit --no-fund && npm run build)
exec cargo run --locked -p isms-desk "$@"

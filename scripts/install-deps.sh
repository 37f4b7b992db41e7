#!/usr/bin/env bash
# Installs what ISMS Desk needs on Debian/Ubuntu, only what is missing: Rust (via rustup), Tauri's system libraries,
# poppler-utils (the whitepaper's page preview draws pages with pdftoppm), and, with --test, what the tests need
# (Xvfb, WebKitWebDriver, openbox).
# Idempotent: a second run installs nothing.
set -euo pipefail

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

packages=(libwebkit2gtk-4.1-dev build-essential file pkg-config libxdo-dev libssl-dev
          libayatana-appindicator3-dev librsvg2-dev python3 curl ca-certificates fonts-noto-cjk poppler-utils)
# Node.js and npm build the UI; an existing Node (e.g. from NodeSource) is kept.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
if [ "$want_test" = 1 ]; then
  packages+=(xvfb xauth webkit2gtk-driver openbox)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  # Download first (the big part, retried), then install from the cache.
  for attempt in 1 2 3; do
    if $sudo apt-get install -y -q --download-only "${missing[@]}"; then break; fi
    [ "$attempt" = 3 ] && { echo "install-deps: download failed" >&2; exit 1; }
    sleep $((attempt * 10))
  done
  $sudo apt-get install -y -q "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    echo "install-deps: installing Rust (rustup, stable)" >&2
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component clippy,rustfmt
  fi
fi

#!/usr/bin/env bash
# Installs what the build and the tests need, idempotently: a warm machine pays nothing.
# Usage: scripts/setup.sh [rust] [bindgen] [chromium] [node]   (no argument: everything)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

ensure_rust() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
}

# wasm-bindgen-cli must equal the wasm-bindgen version in Cargo.lock exactly.
bindgen_version() {
  grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p' | head -n1
}

ensure_bindgen() {
  local want have
  [ -f Cargo.lock ] || cargo generate-lockfile
  want=$(bindgen_version)
  [ -n "$want" ] || { log "wasm-bindgen is not in Cargo.lock yet; skipping the CLI"; return 0; }
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    log "installing wasm-bindgen-cli $want (about 3 minutes, once)"
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    log "installing Debian's chromium and chromium-driver"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
}

# npm tools live in tools/ with exact pins. `npm ci` refuses this registry mirror's lock file
# (it omits other platforms' optional packages), so install with the lock and a stamp instead.
npm_install_dir() {
  local dir=$1 stamp want
  [ -f "$dir/package.json" ] || return 0
  stamp="$dir/node_modules/.installed-from"
  want=$(cat "$dir/package.json" "$dir/package-lock.json" 2>/dev/null | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    log "installing the pinned npm packages in $dir/"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
    want=$(cat "$dir/package.json" "$dir/package-lock.json" 2>/dev/null | sha256sum | cut -d' ' -f1)
    echo "$want" > "$stamp"
  fi
}

ensure_node() {
  command -v node >/dev/null || { echo "Node.js 20+ is required" >&2; exit 1; }
  npm_install_dir tools
}

if [ $# -eq 0 ]; then set -- rust bindgen chromium node; fi
for step in "$@"; do
  case "$step" in
    rust) ensure_rust ;;
    bindgen) ensure_bindgen ;;
    chromium) ensure_chromium ;;
    node) ensure_node ;;
    *) echo "unknown setup step: $step" >&2; exit 2 ;;
  esac
done

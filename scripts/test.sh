#!/usr/bin/env bash
# Runs every test tier of the project. This is the README's test command; .ci/run calls it.
# Usage: scripts/test.sh [tier ...]   (no argument: every tier, in order)
set -euo pipefail
cd "$(dirname "$0")/.."

tier() { printf '\n\033[1;32m==> %s\033[0m\n' "$*"; }
started=$(date +%s)

run_setup() {
  tier "setup (idempotent installs)"
  bash scripts/setup.sh
}

run_lint() {
  tier "lint: rustfmt and clippy (host and wasm32)"
  cargo fmt --all -- --check
  cargo clippy --workspace --all-targets --locked -- -D warnings
  cargo clippy --lib --target wasm32-unknown-unknown --locked -- -D warnings
}

run_host() {
  tier "host: unit, integration and property tests"
  cargo test --workspace --locked
  tier "host: the crate builds for wasm32-unknown-unknown"
  cargo build --lib --target wasm32-unknown-unknown --release --locked
}

run_e2e() {
  tier "e2e: the demo app in Chromium, through the proxy (workerd) to the sandbox"
  bash scripts/setup.sh chromium node
  bash scripts/build-pkg.sh --pack
  cargo build --release --locked -p mangopay-sandbox
  node www/build.mjs
  node --test --test-reporter=spec www/e2e/demo.test.mjs
}

if [ $# -eq 0 ]; then set -- setup lint host e2e; fi
for t in "$@"; do
  "run_$t"
done
printf '\n\033[1;32mall tiers passed in %ss\033[0m\n' "$(( $(date +%s) - started ))"

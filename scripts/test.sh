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
  cargo clippy --lib --target wasm32-unknown-unknown --locked --no-default-features --features js -- -D warnings
  cargo clippy --target wasm32-unknown-unknown --locked --test wasm_client -- -D warnings
}

run_host() {
  tier "host: unit, integration and property tests"
  cargo test --workspace --locked
  tier "host: the crate builds for wasm32-unknown-unknown"
  cargo build --lib --target wasm32-unknown-unknown --release --locked
}

# Starts tests/server/test-server.mjs on a free port (killed when this script exits) and sets
# TEST_SERVER_URL.
test_server_pids=()
start_test_server() {
  local log
  log=$(mktemp)
  node tests/server/test-server.mjs --port 0 >"$log" 2>&1 &
  test_server_pids+=("$!")
  trap 'kill "${test_server_pids[@]}" 2>/dev/null || true' EXIT
  for _ in $(seq 100); do
    TEST_SERVER_URL=$(grep -o 'http://[0-9.:]*' "$log" || true)
    [ -n "$TEST_SERVER_URL" ] && return 0
    sleep 0.1
  done
  cat "$log" >&2
  return 1
}

run_wasm() {
  tier "wasm: wasm-bindgen tests in Node and headless Chromium against tests/server"
  bash scripts/setup.sh bindgen chromium node
  start_test_server
  # The server's URL is compiled into the test (option_env!), so both runs share one build.
  export MANGOPAY_TEST_SERVER="$TEST_SERVER_URL"
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
  cargo test --target wasm32-unknown-unknown --locked --test wasm_client
  CHROMEDRIVER=$(command -v chromedriver) WASM_BINDGEN_USE_BROWSER=1 \
    cargo test --target wasm32-unknown-unknown --locked --test wasm_client
  tier "wasm: JS tests of the built package (Node)"
  bash scripts/build-pkg.sh
  node --test tests/js/
  unset MANGOPAY_TEST_SERVER CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER
}

run_pkg() {
  tier "pkg: build and pack the npm package (stamped: instant when nothing changed)"
  bash scripts/setup.sh rust bindgen chromium node
  bash scripts/build-pkg.sh --pack
  cargo build --release -p mangopay-sandbox --locked
  tier "pkg: the tarball in Node ESM + CJS, esbuild and Vite apps and a plain page in Chromium, workerd, Deno"
  node pkg/test/run.mjs
}

run_types() {
  tier "types: a TypeScript consumer compiles against the packed .d.ts (tsc --noEmit)"
  bash scripts/setup.sh rust bindgen node
  bash scripts/build-pkg.sh --pack
  node pkg/test/run.mjs types
}

run_e2e() {
  tier "e2e: the demo app in Chromium, through the proxy (workerd) to the sandbox"
  bash scripts/setup.sh chromium node
  bash scripts/build-pkg.sh --pack
  cargo build --release --locked -p mangopay-sandbox
  node www/build.mjs
  tier "e2e: the app type-checks against the package's published .d.ts"
  tools/node_modules/.bin/tsc -p www/tsconfig.json
  tier "e2e: Playwright journeys (screenshots in test-output/e2e/)"
  node --test --test-reporter=spec www/e2e/demo.test.mjs
}

run_proxy() {
  tier "proxy: the policy's wasm boundary is clippy-clean for wasm32"
  cargo clippy -p mangopay-proxy --target wasm32-unknown-unknown --locked -- -D warnings
  tier "proxy: policy tests (host)"
  cargo test -p mangopay-proxy --locked
  tier "proxy: end to end in workerd against the sandbox (happy path, attack suite, Chromium)"
  cargo build --release -p mangopay-sandbox --locked
  # The SDK package: the worker calls upstream through it and the happy path installs the packed
  # tarball (stamped: instant when warm).
  bash scripts/build-pkg.sh --pack
  # The demo's build (www/dist) is what the proxy serves: the e2e scans it for secrets.
  if [ -f www/build.mjs ]; then node www/build.mjs; fi
  node proxy/tests/e2e.mjs
}

if [ $# -eq 0 ]; then set -- setup lint host wasm pkg types proxy e2e; fi
for t in "$@"; do
  "run_$t"
done
printf '\n\033[1;32mall tiers passed in %ss\033[0m\n' "$(( $(date +%s) - started ))"

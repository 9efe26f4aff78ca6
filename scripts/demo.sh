#!/usr/bin/env bash
# The README's first command: installs what is missing, builds the npm package, the demo app and
# the sandbox, then starts the sandbox (127.0.0.1:8790) and the proxy in workerd (127.0.0.1:8787,
# serving www/dist and forwarding /api/mangopay) and prints the URL. Ctrl-C stops both.
# A warm second run only checks stamps and starts in seconds.
# Usage: scripts/demo.sh [--port 8787] [--sandbox-port 8790]
set -euo pipefail
cd "$(dirname "$0")/.."

port=8787
sandbox_port=8790
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --sandbox-port) sandbox_port=$2; shift 2 ;;
    *) echo "usage: scripts/demo.sh [--port N] [--sandbox-port N]" >&2; exit 2 ;;
  esac
done

log() { printf '\033[1;35m[demo]\033[0m %s\n' "$*"; }
client_id=demo-client
api_key=demo-api-key-0f3c9a7e
logs=target/demo
mkdir -p "$logs"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$port" "$sandbox_port"; do
  if port_busy "$p"; then
    echo "Port $p on 127.0.0.1 is already in use (another demo running?). Stop it, or pass --port/--sandbox-port." >&2
    exit 1
  fi
done

started=$(date +%s)
log "checking tools (scripts/setup.sh: installs only what is missing)"
bash scripts/setup.sh rust bindgen node
log "building the npm package (scripts/build-pkg.sh --pack; skipped when unchanged)"
bash scripts/build-pkg.sh --pack
log "building the demo app into www/dist"
node www/build.mjs
log "building the sandbox (release)"
cargo build --release --locked -p mangopay-sandbox --quiet

sandbox_pid="" proxy_pid=""
# SIGTERM, not SIGINT: background jobs of a script start with SIGINT ignored.
stop_pid() {
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  trap - INT TERM EXIT
  stop_pid "$proxy_pid"
  stop_pid "$sandbox_pid"
  wait 2>/dev/null || true
  log "stopped the proxy and the sandbox"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# wait_for FILE PATTERN PID WHAT: until FILE holds PATTERN, failing if PID exits first
# (15 minutes at most: a first run builds the proxy's policy wasm).
wait_for() {
  local file=$1 pattern=$2 pid=$3 what=$4 i
  for i in $(seq 1 9000); do
    grep -q "$pattern" "$file" 2>/dev/null && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$what stopped before it was ready; its log ($file):" >&2
      tail -n 40 "$file" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "$what did not start within 15 minutes; its log: $file" >&2
  exit 1
}

log "starting the sandbox"
"${CARGO_TARGET_DIR:-target}/release/mangopay-sandbox" --port "$sandbox_port" >"$logs/sandbox.log" 2>&1 &
sandbox_pid=$!
wait_for "$logs/sandbox.log" "listening on" "$sandbox_pid" "the sandbox"

log "starting the proxy in workerd (a first run also builds its policy wasm)"
node proxy/run.mjs --port "$port" --upstream "http://127.0.0.1:$sandbox_port" \
  --client-id "$client_id" --api-key "$api_key" --www www/dist >"$logs/proxy.log" 2>&1 &
proxy_pid=$!
wait_for "$logs/proxy.log" "proxy listening on" "$proxy_pid" "the proxy"

cat <<MSG

  Demo ready in $(( $(date +%s) - started ))s:  http://127.0.0.1:$port/

  Sandbox (the Mangopay Users API stand-in): http://127.0.0.1:$sandbox_port  — request log: $logs/sandbox.log
  Proxy (workerd, holds the API key):         http://127.0.0.1:$port  — log: $logs/proxy.log
  Tips: an email containing "accept" skips SCA; KYC outcome follows the document Tag.

  Press Ctrl-C to stop.

MSG
# Keep running until Ctrl-C (or TERM), or until either server stops on its own.
interrupted=0
trap 'interrupted=130' INT
trap 'interrupted=143' TERM
wait -n "$sandbox_pid" "$proxy_pid" || true
# A Ctrl-C reaches the servers too, and either may be noticed first: give the signal a moment.
[ "$interrupted" != 0 ] || sleep 0.3
[ "$interrupted" != 0 ] && exit "$interrupted"
echo "a server stopped unexpectedly; logs in $logs/" >&2
exit 1

#!/usr/bin/env bash
# Build-side size levers for the full client's wasm (prints numbers; changes nothing):
# wasm-opt levels and flags on the same wasm-bindgen output, then cargo opt-level "s" vs "z" (a
# separate target dir, built once) — gzip -9 sizes, since that is what ships.
#   bash bench/levers.sh            (after scripts/build-pkg.sh; the opt-level "s" build takes a while)
#   bash bench/levers.sh --no-cargo (wasm-opt variants only)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=tools/node_modules/.bin
work=target/npm/levers
mkdir -p "$work"

gzsize() { gzip -9 -c "$1" | wc -c; }
row() { printf '  %-58s %8d raw %8d gzip\n' "$1" "$(wc -c <"$2")" "$(gzsize "$2")"; }

cargo_wasm=target/wasm32-unknown-unknown/wasm-release/mangopay_wasm.wasm
[ -f "$cargo_wasm" ] || { echo "run scripts/build-pkg.sh first ($cargo_wasm is missing)" >&2; exit 1; }

bindgen() { # $1 cargo wasm, $2 out dir
  rm -rf "$2"
  wasm-bindgen --target web --out-name mangopay_wasm --out-dir "$2" "$1"
}

echo "full client (default features), opt-level from [profile.wasm-release]:"
row "cargo output (with names, bindgen sections)" "$cargo_wasm"
bindgen "$cargo_wasm" "$work/z"
row "after wasm-bindgen (name section kept)" "$work/z/mangopay_wasm_bg.wasm"
for flags in "--strip-debug --strip-producers" "-Os --strip-debug --strip-producers" \
  "-Oz --strip-debug --strip-producers" "-Oz --converge --strip-debug --strip-producers" \
  "-O3 --strip-debug --strip-producers" "-Oz --converge --strip-debug --strip-producers --zero-filled-memory --ignore-implicit-traps"; do
  # shellcheck disable=SC2086
  "$bin/wasm-opt" $flags "$work/z/mangopay_wasm_bg.wasm" -o "$work/variant.wasm"
  row "wasm-opt $flags" "$work/variant.wasm"
done
row "JS glue (mangopay_wasm.js, unminified)" "$work/z/mangopay_wasm.js"

if [ "${1:-}" != "--no-cargo" ]; then
  echo
  echo "cargo opt-level \"s\" instead of \"z\" (target/levers-s, same profile otherwise):"
  CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL=s cargo build --lib --locked --target wasm32-unknown-unknown \
    --profile wasm-release --target-dir target/levers-s -q
  bindgen target/levers-s/wasm32-unknown-unknown/wasm-release/mangopay_wasm.wasm "$work/s"
  row "opt-level s, after wasm-bindgen" "$work/s/mangopay_wasm_bg.wasm"
  "$bin/wasm-opt" -Oz --strip-debug --strip-producers "$work/s/mangopay_wasm_bg.wasm" -o "$work/variant.wasm"
  row "opt-level s + wasm-opt -Oz --strip-debug --strip-producers" "$work/variant.wasm"
fi

echo
echo "what dominates (code bytes by crate, after wasm-bindgen, before wasm-opt):"
node bench/wasm-top.mjs "$work/z/mangopay_wasm_bg.wasm" 15 | sed -n '/^code by crate/,$p'

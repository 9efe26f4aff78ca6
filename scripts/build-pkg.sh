#!/usr/bin/env bash
# Builds the npm package's contents into pkg/dist/ (gitignored):
#   pkg/dist/<target>/            the full client   (Mangopay, validate, schemas, MangopayError)
#   pkg/dist/validate/<target>/   validation only   (validate, schemas, MangopayError; no client)
# for <target> in web, bundler, node (ESM, experimental-nodejs-module), deno. Each directory holds
# the wasm-bindgen glue `mangopay_wasm.js` (+ .d.ts), the optimized `mangopay_wasm_bg.wasm`, and
# the JS layer from src/wasm/js/ (`index.js` / `validate.js` + their .d.ts).
# The wasm32 release build runs once per feature set; wasm-bindgen + wasm-opt per target.
# Skips everything when its inputs are unchanged (stamp in pkg/dist/.stamp).
# Usage: scripts/build-pkg.sh [--pack]   (--pack also writes target/npm/mangopay-wasm.tgz)
set -euo pipefail
cd "$(dirname "$0")/.."

pack=0
for arg in "$@"; do
  case "$arg" in
    --pack) pack=1 ;;
    *) echo "usage: $0 [--pack]" >&2; exit 2 ;;
  esac
done

out=pkg/dist
wasm_opt=tools/node_modules/.bin/wasm-opt
targets=(web bundler node deno)
log() { printf '\033[1;34m[build-pkg]\033[0m %s\n' "$*"; }

[ -x "$wasm_opt" ] || bash scripts/setup.sh node
command -v wasm-bindgen >/dev/null || { echo "wasm-bindgen missing: run scripts/setup.sh" >&2; exit 1; }

inputs_hash() {
  {
    find src -type f | LC_ALL=C sort | xargs sha256sum
    sha256sum Cargo.toml Cargo.lock scripts/build-pkg.sh
    [ -f pkg/package.json ] && sha256sum pkg/package.json
    wasm-bindgen --version
    "$wasm_opt" --version
  } | sha256sum | cut -d' ' -f1
}

stamp="$(inputs_hash)"
if [ -f "$out/.stamp" ] && [ "$(cat "$out/.stamp")" = "$stamp" ]; then
  log "pkg/dist is up to date"
else
  # One cargo build per feature set; the validation-only build uses its own target dir so that
  # both artifacts (same crate name) are kept and each rebuilds incrementally.
  log "cargo build (wasm32, full client)"
  cargo build --lib --target wasm32-unknown-unknown --profile wasm-release --locked
  log "cargo build (wasm32, validation only)"
  cargo build --lib --target wasm32-unknown-unknown --profile wasm-release --locked \
    --no-default-features --features js --target-dir target/wasm-validate

  rm -rf "$out.tmp" && mkdir -p "$out.tmp"
  bindgen() { # <input.wasm> <dir> <layer files...>
    local wasm="$1" dir="$2" target bg_target
    shift 2
    for target in "${targets[@]}"; do
      bg_target="$target"
      [ "$target" = node ] && bg_target=experimental-nodejs-module
      mkdir -p "$dir/$target"
      wasm-bindgen --target "$bg_target" --out-dir "$dir/$target" --out-name mangopay_wasm "$wasm"
      "$wasm_opt" -Oz --strip-debug --strip-producers \
        --enable-reference-types --enable-bulk-memory --enable-sign-ext \
        --enable-nontrapping-float-to-int --enable-mutable-globals --enable-multivalue \
        "$dir/$target/mangopay_wasm_bg.wasm" -o "$dir/$target/mangopay_wasm_bg.wasm"
      cp "$@" "$dir/$target/"
    done
  }
  log "wasm-bindgen + wasm-opt -Oz"
  bindgen target/wasm32-unknown-unknown/wasm-release/mangopay_wasm.wasm "$out.tmp" \
    src/wasm/js/{error,validate,index}.js src/wasm/js/{error,validate,index,models}.d.ts
  bindgen target/wasm-validate/wasm32-unknown-unknown/wasm-release/mangopay_wasm.wasm "$out.tmp/validate" \
    src/wasm/js/{error,validate}.js src/wasm/js/{error,validate}.d.ts
  rm -rf "$out"
  mv "$out.tmp" "$out"
  echo "$stamp" > "$out/.stamp"
  for f in "$out"/node/mangopay_wasm_bg.wasm "$out"/validate/node/mangopay_wasm_bg.wasm; do
    log "$(printf '%-45s %8d bytes, %7d gzipped' "$f" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)")"
  done
fi

if [ "$pack" = 1 ]; then
  [ -f pkg/package.json ] || { echo "pkg/package.json is missing: --pack needs the package manifest" >&2; exit 1; }
  mkdir -p target/npm
  tgz="$(cd pkg && npm pack --silent --pack-destination ../target/npm | tail -1)"
  mv -f "target/npm/$tgz" target/npm/mangopay-wasm.tgz
  log "target/npm/mangopay-wasm.tgz"
fi

#!/usr/bin/env bash
# Builds the npm package `mangopay-wasm` into pkg/dist/ (generated, not committed):
#   1. cargo builds the crate for wasm32 twice with the size profile `wasm-release`: the full
#      client (default features) and the validation-only flavour (`--no-default-features
#      --features js`: validators, schemas and errors, no `client` transport);
#   2. wasm-bindgen `--target web` emits one glue per flavour (every runtime's entry shares it);
#   3. npm binaryen's `wasm-opt` optimises each .wasm and strips debug/producers sections: `-O1
#      --converge` for the full client (its gzip is 3.5 KB smaller than with `-Oz`, raw +15 KB; see
#      bench/README.md), `-Oz` for the validation-only wasm (smallest both ways);
#   4. pkg/build/assemble.mjs adds the per-runtime entry shims, CommonJS glue and public types.
# With --pack it also writes the tarball target/npm/mangopay-wasm.tgz (stable name).
# A stamp over every input makes repeated calls instant; --force rebuilds anyway.
# Usage: scripts/build-pkg.sh [--pack] [--force]
set -euo pipefail
cd "$(dirname "$0")/.."

pack=0 force=0
for arg in "$@"; do
  case "$arg" in
    --pack) pack=1 ;;
    --force) force=1 ;;
    *) echo "usage: scripts/build-pkg.sh [--pack] [--force]" >&2; exit 2 ;;
  esac
done

log() { printf '\033[1;34m[build-pkg]\033[0m %s\n' "$*"; }
bin=tools/node_modules/.bin
out=target/npm
dist=pkg/dist
validate_features=js

[ -x "$bin/wasm-opt" ] && [ -x "$bin/esbuild" ] || bash scripts/setup.sh node
command -v wasm-bindgen >/dev/null || bash scripts/setup.sh bindgen
rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown || bash scripts/setup.sh rust

# The size profile (release settings, but keeping the custom sections wasm-bindgen reads; names
# are stripped by wasm-opt). Without it, `release` with strip turned off is the same thing.
if grep -q '^\[profile\.wasm-release\]' Cargo.toml; then
  profile=wasm-release
else
  profile=release
  export CARGO_PROFILE_RELEASE_STRIP=false
fi

# Everything the output depends on, hashed: sources, manifests, package files, tool versions.
inputs_hash() {
  {
    git ls-files -co --exclude-standard -- src Cargo.toml Cargo.lock pkg/src pkg/build \
      pkg/package.json pkg/README.md pkg/LICENSE scripts/build-pkg.sh | sort | xargs sha256sum
    rustc -V
    wasm-bindgen --version
    "$bin/wasm-opt" --version
    "$bin/esbuild" --version
  } | sha256sum | cut -d' ' -f1
}
stamp=$(inputs_hash)
if [ "$force" = 0 ] && [ "$(cat "$out/.dist-stamp" 2>/dev/null)" = "$stamp" ] &&
  { [ "$pack" = 0 ] || [ "$(cat "$out/.pack-stamp" 2>/dev/null)" = "$stamp" ]; }; then
  log "pkg/dist is up to date$([ "$pack" = 1 ] && echo " and so is $out/mangopay-wasm.tgz")"
  exit 0
fi

# $1: flavour; $2: the glue's file name; $3: cargo target dir (one per flavour: both would
# otherwise overwrite the same cdylib and rebuild each other); $4: wasm-opt level; the rest:
# cargo feature arguments.
build_flavour() {
  local name=$1 glue=$2 target_dir=$3 opt=$4 wasm
  shift 4
  log "$name: cargo build --target wasm32-unknown-unknown --profile $profile $*"
  cargo build --lib --locked --target wasm32-unknown-unknown --profile "$profile" \
    --target-dir "$target_dir" "$@"
  wasm="$target_dir/wasm32-unknown-unknown/$profile/mangopay_wasm.wasm"
  rm -rf "$out/bindgen/$name"
  wasm-bindgen --target web --out-name "$glue" --out-dir "$out/bindgen/$name" "$wasm"
  # shellcheck disable=SC2086 # $opt may hold several flags
  "$bin/wasm-opt" $opt --strip-debug --strip-producers \
    "$out/bindgen/$name/${glue}_bg.wasm" -o "$out/bindgen/$name/${glue}_bg.wasm"
  log "$name: $(wc -c <"$out/bindgen/$name/${glue}_bg.wasm") bytes of wasm after wasm-opt $opt"
}

mkdir -p "$out"
build_flavour full mangopay_wasm target "-O1 --converge"
build_flavour validate mangopay_validate target/wasm-validate -Oz \
  --no-default-features --features "$validate_features"
node pkg/build/assemble.mjs "$out/bindgen/full" "$dist" mangopay_wasm
node pkg/build/assemble.mjs "$out/bindgen/validate" "$dist/validate" mangopay_validate
echo "$stamp" >"$out/.dist-stamp"
log "assembled $dist/"

if [ "$pack" = 1 ]; then
  rm -f "$out"/mangopay-wasm-*.tgz
  (cd pkg && npm pack --silent --pack-destination "../$out" >/dev/null)
  mv "$out"/mangopay-wasm-*.tgz "$out/mangopay-wasm.tgz"
  echo "$stamp" >"$out/.pack-stamp"
  log "packed $out/mangopay-wasm.tgz ($(wc -c <"$out/mangopay-wasm.tgz") bytes)"
fi

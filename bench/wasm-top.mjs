// What dominates a wasm file: code bytes per function (from the name section) grouped by crate,
// plus the data segment and section totals. Run it on a wasm that still has its names, e.g. the
// cargo output before wasm-bindgen / wasm-opt strip them:
//
//   node bench/wasm-top.mjs target/wasm32-unknown-unknown/wasm-release/mangopay_wasm.wasm [topN]
import { readFileSync } from "node:fs";

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench/wasm-top.mjs <file.wasm> [topN]");
  process.exit(2);
}
const TOP = Number(topArg || 25);
const bytes = readFileSync(file);
let pos = 8;

function leb() {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(b & 0x80)) return result;
  }
}
function str() {
  const len = leb();
  const s = bytes.toString("utf8", pos, pos + len);
  pos += len;
  return s;
}

const SECTION = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"];
const sections = [];
let importedFuncs = 0;
const bodySizes = [];
const names = new Map();
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = leb();
  const start = pos;
  let label = SECTION[id] || `#${id}`;
  if (id === 0) {
    label = `custom "${str()}"`;
    if (label === 'custom "name"') {
      while (pos < start + size) {
        const sub = bytes[pos++];
        const subSize = leb();
        const subEnd = pos + subSize;
        if (sub === 1) {
          const count = leb();
          for (let i = 0; i < count; i++) {
            const index = leb();
            names.set(index, str());
          }
        }
        pos = subEnd;
      }
    }
  } else if (id === 2) {
    const count = leb();
    for (let i = 0; i < count; i++) {
      str();
      str();
      const kind = bytes[pos++];
      if (kind === 0) { leb(); importedFuncs++; }
      else if (kind === 1) { pos++; const f = leb(); leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = leb(); leb(); if (f & 1) leb(); }
      else if (kind === 3) { pos += 2; }
      else if (kind === 4) { pos++; leb(); }
    }
  } else if (id === 10) {
    const count = leb();
    for (let i = 0; i < count; i++) {
      const len = leb();
      bodySizes.push(len);
      pos += len;
    }
  }
  sections.push([label, size]);
  pos = start + size;
}

const demangle = (name) => {
  // Legacy Rust mangling _ZN…E: join the path segments; keep plain names as they are.
  if (!name.startsWith("_ZN")) return name;
  const parts = [];
  let i = 3;
  while (i < name.length && name[i] !== "E") {
    let n = "";
    while (/\d/.test(name[i])) n += name[i++];
    if (!n) break;
    parts.push(name.slice(i, i + Number(n)));
    i += Number(n);
  }
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  return parts.join("::").replaceAll("$LT$", "<").replaceAll("$GT$", ">").replaceAll("$u20$", " ").replaceAll("..", "::");
};
const crateOf = (name) => {
  // v0 mangling (_R…): the first crate root `Cs<hash>_<len><name>` (or `C<len><name>`).
  const v0 = name.match(/^_R.*?C(?:s[0-9A-Za-z]*_)?(\d+)([A-Za-z_][A-Za-z0-9_]*)/);
  if (v0) return v0[2].slice(0, Number(v0[1]));
  const d = demangle(name).replace(/^_?<+/, "");
  const m = d.match(/^([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/);
  if (m) return m[1];
  return d.startsWith("__wbg") || d.startsWith("__wbindgen") || d.startsWith("__externref") ? "wasm-bindgen" : "(exports and other)";
};

console.log(`${file}: ${bytes.length} bytes\n\nsections:`);
for (const [label, size] of sections) console.log(`  ${label.padEnd(28)} ${String(size).padStart(8)}`);
const funcs = bodySizes.map((size, i) => ({ size, name: names.get(i + importedFuncs) || `func[${i + importedFuncs}]` }));
const byCrate = new Map();
for (const f of funcs) byCrate.set(crateOf(f.name), (byCrate.get(crateOf(f.name)) || 0) + f.size);
const codeTotal = funcs.reduce((a, f) => a + f.size, 0);
console.log(`\ncode by crate (${funcs.length} functions, ${codeTotal} bytes):`);
for (const [crate, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`  ${crate.padEnd(28)} ${String(size).padStart(8)}  ${((size / codeTotal) * 100).toFixed(1)}%`);
}
console.log(`\nlargest ${TOP} functions:`);
for (const f of funcs.sort((a, b) => b.size - a.size).slice(0, TOP)) {
  console.log(`  ${String(f.size).padStart(7)}  ${demangle(f.name).slice(0, 110)}`);
}

// Helpers of tests/wasm_client.rs: the test server's admin API, signals, files.
export async function script(base, client, rules) {
  const res = await fetch(`${base}/__test/script?client=${encodeURIComponent(client)}`, { method: "POST", body: rules });
  if (!res.ok) throw new Error("script failed: " + res.status);
}

export async function requests(base, client) {
  const res = await fetch(`${base}/__test/requests?client=${encodeURIComponent(client)}`);
  return await res.text();
}

export function abortAfter(ms) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}

export function isBrowser() {
  return typeof window !== "undefined" && typeof window.document !== "undefined";
}

export function now() {
  return Date.now();
}

// A PDF-looking file of `size` bytes (or a GIF with gif = true).
export function file(size, gif) {
  const bytes = new Uint8Array(size);
  const head = new TextEncoder().encode(gif ? "GIF89a" : "%PDF-1.4\n");
  bytes.set(head.subarray(0, Math.min(size, head.length)));
  return bytes;
}

export function noop() {}

export function collector() {
  const events = [];
  const fn = (text) => events.push(JSON.parse(text));
  fn.events = events;
  return fn;
}

export function collected(fn) {
  return JSON.stringify(fn.events);
}

// The bytes of a real File (PDF-looking, or a GIF), read as the client reads it: Blob.arrayBuffer().
export async function fileBytes(size, gif) {
  const real = new File([file(size, gif)], gif ? "page.gif" : "page.pdf", { type: gif ? "image/gif" : "application/pdf" });
  return new Uint8Array(await real.arrayBuffer());
}

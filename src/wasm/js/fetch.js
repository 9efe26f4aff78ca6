// The fetch call of the wasm client (imported by src/wasm/fetch.rs through wasm-bindgen).
// Why not gloo-net: it always uses the global fetch (the config's injected `fetch` could not be
// used) and cannot call it with globalThis as `this` (workerd: "Illegal invocation").
// The JS client (index.js) imports it too, to send the first attempt of a call itself.
// Rejections are strings the Rust side maps: "timeout", "aborted", "network:<message>".

function toHeaders(flat) {
  const headers = {};
  if (flat) {
    const parts = flat.split("\n");
    for (let i = 0; i + 1 < parts.length; i += 2) headers[parts[i]] = parts[i + 1];
  }
  return headers;
}

/**
 * Sends one request (`init` without its signal) and reads the whole body: resolves to
 * [response, body text]. The JS client sends the first attempt of a call with it directly.
 */
export async function exchange(fetchFn, url, init, signal, timeoutMs) {
  if (signal && signal.aborted) throw "aborted";
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  if (signal) signal.addEventListener("abort", onAbort, { once: true });
  init.signal = controller.signal;
  try {
    const res = await fetchFn.call(globalThis, url, init);
    return [res, await res.text()];
  } catch (e) {
    if (timedOut) throw "timeout";
    if (signal && signal.aborted) throw "aborted";
    throw "network:" + String((e && e.message) || e);
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener("abort", onAbort);
  }
}

/** A response's headers as `name\nvalue\n` text (how the Rust side reads them). */
export function flatHeaders(headers) {
  let flat = "";
  headers.forEach((value, name) => {
    flat += name + "\n" + value + "\n";
  });
  return flat;
}

export async function sendRequest(fetchFn, url, method, headers, body, credentials, signal, timeoutMs) {
  const init = { method, headers: toHeaders(headers) };
  if (credentials) init.credentials = credentials;
  if (body !== undefined) init.body = body;
  const [res, text] = await exchange(fetchFn, url, init, signal, timeoutMs);
  try {
    return [res.status, flatHeaders(res.headers), text];
  } catch (e) {
    throw "network:" + String((e && e.message) || e);
  }
}

export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject("aborted");
    const onAbort = () => {
      clearTimeout(timer);
      reject("aborted");
    };
    const timer = setTimeout(() => {
      if (signal) signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal) signal.addEventListener("abort", onAbort, { once: true });
  });
}

export function randomFill(buf) {
  globalThis.crypto.getRandomValues(buf);
}

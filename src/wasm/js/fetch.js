// The fetch call of the wasm client (imported by src/wasm/fetch.rs through wasm-bindgen).
// Why not gloo-net: it always uses the global fetch (the config's injected `fetch` could not be
// used) and cannot call it with globalThis as `this` (workerd: "Illegal invocation").
// The JS client (index.js) imports it too, to send the first attempt of a call itself.
// Rejections are strings the Rust side maps: "timeout", "aborted", "network:<message>".

/**
 * A request from its text (src/wasm/fetch.rs, `request_text`): `{id, timeoutMs, url, init}`,
 * without `url` and `init` when there is no request to send yet.
 */
export function readHead(text) {
  let at = 0;
  const line = () => {
    const end = text.indexOf("\n", at);
    const value = text.slice(at, end);
    at = end + 1;
    return value;
  };
  const id = +line();
  const timeoutMs = +line();
  if (at >= text.length) return { id, timeoutMs };
  const method = line();
  const credentials = line();
  const url = line();
  const headers = {};
  for (let n = +line(); n > 0; n--) {
    const name = line();
    headers[name] = line();
  }
  const init = { method, headers };
  if (credentials) init.credentials = credentials;
  if (at < text.length) init.body = text.slice(at + 1);
  return { id, timeoutMs, url, init };
}

/** A network failure (what fetch threw) as the rejection string the Rust side maps. */
export function networkFailure(e) {
  return "network:" + String((e && e.message) || e);
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
    throw networkFailure(e);
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

/** Sends a request given as text (see readHead): resolves to [status, flat headers, body]. */
export async function sendRequest(fetchFn, request, signal) {
  const { url, init, timeoutMs } = readHead(request);
  const [res, text] = await exchange(fetchFn, url, init, signal, timeoutMs);
  try {
    return [res.status, flatHeaders(res.headers), text];
  } catch (e) {
    throw networkFailure(e);
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

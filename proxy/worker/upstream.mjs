// Interim upstream client: OAuth client credentials, a cached token, one refresh on a 401.
// Same contract as the SDK's `mp.request({method, path, query, headers, body, idempotencyKey})
// → {status, headers, body}`, so the worker switches to the SDK in direct mode by swapping this
// module. Never throws on an HTTP status; only on network errors.

/** Creates the upstream client. `baseUrl` is Mangopay's (or the sandbox's) origin. */
export function createUpstream({ baseUrl, clientId, apiKey, fetch: doFetch = fetch }) {
  const base = baseUrl.replace(/\/+$/, "");
  let token = null;
  let expiresAt = 0;
  let pending = null;

  async function fetchToken() {
    const res = await doFetch(`${base}/v2.01/oauth/token`, {
      method: "POST",
      headers: {
        authorization: "Basic " + btoa(`${clientId}:${apiKey}`),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials",
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`OAuth token request failed with ${res.status}`);
    const json = JSON.parse(text);
    token = json.access_token;
    // Renew 30 s before Mangopay's expiry.
    expiresAt = Date.now() + Math.max(0, (Number(json.expires_in) || 0) - 30) * 1000;
    return token;
  }

  /** The cached token; concurrent callers share one token request. */
  function getToken(force) {
    if (!force && token && Date.now() < expiresAt) return Promise.resolve(token);
    if (!pending) pending = fetchToken().finally(() => (pending = null));
    return pending;
  }

  async function send({ method, path, query, headers = {}, body, idempotencyKey }, bearer) {
    const url = `${base}/v2.01/${encodeURIComponent(clientId)}${path}${query ? "?" + query : ""}`;
    const h = { ...headers, authorization: `Bearer ${bearer}` };
    if (body != null) h["content-type"] = "application/json";
    if (idempotencyKey) h["idempotency-key"] = idempotencyKey;
    const res = await doFetch(url, { method, headers: h, body: body ?? undefined });
    return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
  }

  return {
    async request(req) {
      let res = await send(req, await getToken(false));
      if (res.status === 401 && /invalid_credentials/.test(res.body)) {
        res = await send(req, await getToken(true));
      }
      return res;
    },
  };
}

// Bench only (`node proxy/bench/load.mjs --main proxy/bench/plain-upstream-worker.mjs`): the
// proxy with a plain-fetch upstream instead of the SDK, to price the SDK hop. Not for deployment
// (no token expiry handling, no refresh on 401).
import { createProxy } from "./proxy.mjs";
export default createProxy({
  upstream(env) {
    const base = env.MANGOPAY_UPSTREAM.replace(/\/+$/, "");
    const client = env.MANGOPAY_CLIENT_ID;
    let token = null;
    const getToken = async () => {
      if (token) return token;
      const r = await fetch(`${base}/v2.01/oauth/token`, { method: "POST", headers: { authorization: "Basic " + btoa(`${client}:${env.MANGOPAY_API_KEY}`), "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=client_credentials" });
      token = (await r.json()).access_token;
      return token;
    };
    return {
      async request({ method, path, query, body, idempotencyKey }) {
        const h = { authorization: `Bearer ${await getToken()}` };
        if (body != null) h["content-type"] = "application/json";
        if (idempotencyKey) h["idempotency-key"] = idempotencyKey;
        const r = await fetch(`${base}/v2.01/${client}${path}${query ? "?" + query : ""}`, { method, headers: h, body: body ?? undefined });
        return { status: r.status, headers: Object.fromEntries(r.headers), body: await r.text() };
      },
    };
  },
});

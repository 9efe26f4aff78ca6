// Load check (not a test): 5,000 reads of a user's own record from 50 concurrent keep-alive
// clients, through the proxy in workerd, then straight to the sandbox with a bearer token.
// Prints requests per second, p50 and p99 latency, and unexpected errors (anything but 200).
// Usage: node proxy/bench/load.mjs [--requests N] [--clients C] [--main worker.mjs]
// (`--main`: measure your own worker module built on createProxy(hooks), e.g. another upstream.)

import http from "node:http";

import { API_KEY, CLIENT_ID, start } from "../tests/harness.mjs";

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const TOTAL = arg("requests", 5000);
const CLIENTS = arg("clients", 50);

function get(agent, url, headers) {
  const u = new URL(url);
  return new Promise((res) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, headers, agent }, (r) => {
      r.resume();
      r.on("end", () => res(r.statusCode));
    });
    req.on("error", () => res(0));
    req.end();
  });
}

async function run(label, url, headers) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  // Warm-up: connections, token, JIT.
  await Promise.all(Array.from({ length: CLIENTS }, () => get(agent, url, headers)));
  const latencies = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < TOTAL) {
        next++;
        const s = performance.now();
        const status = await get(agent, url, headers);
        latencies.push(performance.now() - s);
        if (status !== 200) errors++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
  console.log(
    `${label.padEnd(22)} ${String(TOTAL).padStart(6)} requests, ${CLIENTS} clients: ` +
      `${Math.round(TOTAL / seconds).toString().padStart(6)} req/s, p50 ${pct(50)} ms, p99 ${pct(99)} ms, unexpected errors ${errors}`,
  );
  return errors;
}

const mainAt = process.argv.indexOf("--main");
const main = mainAt > 0 ? process.argv[mainAt + 1] : "";
const servers = await start({ main, sandboxArgs: ["--rate-limit", "100000000"] });
let errors = 0;
try {
  const { proxyUrl, sandboxUrl } = servers;
  // A browser session that owns one user.
  const s = await fetch(`${proxyUrl}/api/mangopay/session`);
  const cookie = s.headers.get("set-cookie").split(";")[0];
  const { csrfToken } = await s.json();
  const headers = { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" };
  const body = JSON.stringify({
    FirstName: "Load", LastName: "Check", Email: "load@example.com", UserCategory: "PAYER",
    TermsAndConditionsAccepted: true,
  });
  const created = await fetch(`${proxyUrl}/api/mangopay/v2.01/${CLIENT_ID}/sca/users/natural`, { method: "POST", headers, body });
  if (created.status !== 200) throw new Error(`create: ${created.status} ${await created.text()}`);
  const user = (await created.json()).Id;
  headers.cookie = created.headers.get("set-cookie").split(";")[0];

  const token = await fetch(`${sandboxUrl}/v2.01/oauth/token`, {
    method: "POST",
    headers: { authorization: "Basic " + btoa(`${CLIENT_ID}:${API_KEY}`), "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  }).then((r) => r.json());

  console.log(`GET /sca/users/{own id}, node ${process.version}`);
  errors += await run("through the proxy", `${proxyUrl}/api/mangopay/v2.01/${CLIENT_ID}/sca/users/${user}`, headers);
  errors += await run("sandbox alone", `${sandboxUrl}/v2.01/${CLIENT_ID}/sca/users/${user}`, { authorization: `Bearer ${token.access_token}` });
} finally {
  await servers.stop();
}
process.exit(errors ? 1 : 0);

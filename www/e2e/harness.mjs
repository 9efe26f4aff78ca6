// The e2e harness: a real sandbox (release build, admin API on), the real proxy in workerd serving
// www/dist on the same origin, and Debian's Chromium driven by playwright-core. Every process is
// started on a free port and stopped when the run ends.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const outDir = join(root, "test-output/e2e");
export const CLIENT_ID = "demo-client";
export const API_KEY = "demo-api-key-0f3c9a7e";

/** A port nobody listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Spawns a process and resolves once a line of its output matches `ready` (with the match), or
 * rejects with its output if it exits first or takes longer than `timeoutMs`.
 */
function spawnUntil(name, command, args, ready, timeoutMs) {
  return new Promise((resolveStart, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let settled = false;
    const timer = setTimeout(() => finish(new Error(`${name} did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    function finish(error, match) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        child.kill("SIGKILL");
        reject(error);
      } else resolveStart({ child, match, output: () => output });
    }
    const onData = (chunk) => {
      output += chunk.toString();
      if (output.length > 200_000) output = output.slice(-100_000);
      const match = output.match(ready);
      if (match) finish(null, match);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (error) => finish(new Error(`${name} could not start (${command}): ${error.message}`)));
    child.on("exit", (code, signal) => finish(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${output}`)));
  });
}

/** Stops a child: SIGINT (clean shutdown), then SIGKILL if it lingers. */
export function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      done();
    });
    child.kill("SIGINT");
  });
}

/** Starts the sandbox (built by `cargo build --release -p mangopay-sandbox`) with its admin API. */
export async function startSandbox(extraArgs = []) {
  const bin = join(resolve(root, process.env.CARGO_TARGET_DIR ?? "target"), "release/mangopay-sandbox");
  const args = ["--port", "0", "--admin", "--quiet", "--kyc-delay-ms", "300", ...extraArgs];
  const { child, match } = await spawnUntil("sandbox", bin, args, /listening on (http:\/\/[^\s]+)/, 20_000);
  const url = match[1];
  return { child, url, admin: adminClient(url) };
}

/** Starts the proxy (workerd) serving www/dist and forwarding /api/mangopay to `upstream`. */
export async function startProxy(upstream) {
  const port = await freePort();
  const args = [
    join(root, "proxy/run.mjs"),
    "--port", String(port),
    "--upstream", upstream,
    "--client-id", CLIENT_ID,
    "--api-key", API_KEY,
    "--www", join(root, "www/dist"),
  ];
  const { child, match } = await spawnUntil("proxy", process.execPath, args, /proxy listening on (http:\/\/[^\s]+)/, 600_000);
  return { child, url: match[1].replace(/\/$/, "") };
}

/** The sandbox's admin API (`/__sandbox/…`) and a direct API view for ground truth. */
function adminClient(base) {
  const call = async (method, path, body) => {
    const response = await fetch(`${base}/__sandbox/${path}`, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} /__sandbox/${path}: HTTP ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  };
  return {
    reset: () => call("POST", "reset"),
    requests: async (since = 0) => (await call("GET", `requests?since=${since}`)).requests,
    counters: () => call("GET", "counters"),
    setFaults: (settings) => call("PUT", "faults", settings),
    clearFaults: () => call("DELETE", "faults"),
    script: (faults) => call("POST", "faults/script", { faults }),
    /** Every user of the demo ClientId, read straight from the sandbox's API (not through the app). */
    async users() {
      const token = await fetch(`${base}/v2.01/oauth/token`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${API_KEY}`).toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "grant_type=client_credentials",
      }).then((r) => r.json());
      const response = await fetch(`${base}/v2.01/${CLIENT_ID}/users?per_page=100`, {
        headers: { authorization: `Bearer ${token.access_token}` },
      });
      if (!response.ok) throw new Error(`GET users: HTTP ${response.status}`);
      return response.json();
    },
  };
}

/** Chromium (Debian's) through playwright-core, with the flags that keep it off the network. */
export async function launchBrowser() {
  const { chromium } = await import(join(root, "tools/node_modules/playwright-core/index.mjs"));
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Saves a screenshot (full page unless `fullPage: false`) as test-output/e2e/NAME.png. */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(outDir, { recursive: true });
  await page.screenshot({ path: join(outDir, `${name}.png`), fullPage });
}

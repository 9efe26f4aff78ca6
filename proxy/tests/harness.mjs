// Starts the sandbox (release build, --admin) and the proxy (run.mjs → workerd) on free ports,
// for the end-to-end test and the load check. Everything started here is stopped by `stop()`.

import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CLIENT_ID = "demo-client";
export const API_KEY = "demo-api-key-0f3c9a7e";

/** A port nobody listens on right now. */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Resolves when `line` (a regexp) appears on the child's stdout. */
function waitForLine(child, pattern, what, timeoutMs = 60000) {
  return new Promise((res, rej) => {
    let buf = "";
    const timer = setTimeout(() => rej(new Error(`${what} did not start in time:\n${buf}`)), timeoutMs);
    child.stdout.on("data", (d) => {
      buf += d;
      if (pattern.test(buf)) {
        clearTimeout(timer);
        res();
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      rej(new Error(`${what} exited with ${code}:\n${buf}`));
    });
  });
}

async function waitForHttp(url, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts both servers. Options: `origins` (allowed origins), `www` (static dir),
 * `main` (a worker module using `createProxy(hooks)`), `sandboxArgs` (extra sandbox flags).
 */
export async function start({ origins = "", www = "", main = "", sandboxArgs = [] } = {}) {
  // cargo writes where CARGO_TARGET_DIR says (relative to the workspace root), else ./target.
  const sandboxBin = join(resolve(root, process.env.CARGO_TARGET_DIR || "target"), "release", "mangopay-sandbox");
  if (!existsSync(sandboxBin)) {
    const r = spawnSync("cargo", ["build", "--release", "-p", "mangopay-sandbox", "--locked"], { cwd: root, stdio: "inherit" });
    if (r.status !== 0) throw new Error("sandbox build failed");
  }
  const children = [];
  // If the test dies early, take the servers with it.
  process.on("exit", () => children.forEach((c) => c.exitCode === null && c.kill("SIGTERM")));
  const stop = async () => {
    for (const c of children.reverse()) {
      if (c.exitCode === null && c.signalCode === null) {
        const exited = new Promise((r) => c.once("exit", r));
        c.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
      }
    }
  };
  try {
    const sandboxPort = await freePort();
    const sandbox = spawn(sandboxBin, ["--port", String(sandboxPort), "--admin", "--quiet", ...sandboxArgs], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(sandbox);
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    await waitForHttp(`${sandboxUrl}/__sandbox/health`);

    const proxyPort = await freePort();
    const secret = randomBytes(32).toString("hex");
    const args = [
      join(root, "proxy", "run.mjs"),
      "--port", String(proxyPort),
      "--upstream", sandboxUrl,
      "--client-id", CLIENT_ID,
      "--api-key", API_KEY,
      "--session-secret", secret,
    ];
    if (origins) args.push("--origins", origins);
    if (www) args.push("--www", www);
    if (main) args.push("--main", main);
    const proxy = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    children.push(proxy);
    await waitForLine(proxy, /proxy listening on http:\/\/127\.0\.0\.1:\d+/, "proxy");
    return { sandboxUrl, proxyUrl: `http://127.0.0.1:${proxyPort}`, secret, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

// The dev server forwards the API to the sandbox (same origin, like the static server of `vite build`).
export default {
  logLevel: "warn",
  server: { host: "127.0.0.1", port: 0, proxy: { "/v2.01": { target: process.env.SANDBOX_URL, changeOrigin: true } } },
};

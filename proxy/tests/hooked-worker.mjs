// A worker using the platform-auth hook, for the end-to-end test. TEST ONLY: it trusts an
// `X-Test-User` header; a real platform verifies its own session cookie or token here.
import { createProxy } from "./proxy.mjs";

export default createProxy({
  async authenticate(request) {
    const user = request.headers.get("x-test-user");
    return user ? { subject: user } : null;
  },
});

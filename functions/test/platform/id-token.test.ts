import { describe, expect, it } from "vitest";
import { generateLocalKeyPair, LOCAL_AUDIENCE, mintIdToken } from "../../local/auth-keys.js";
import { idTokenVerifier } from "../../src/platform/auth.js";
import { parseConfig } from "../../src/platform/config.js";

const keys = generateLocalKeyPair();
const config = (extra: Record<string, string> = {}) =>
  parseConfig({ AUTH_MODE: "local", AUTH_AUDIENCE: `other-client,${LOCAL_AUDIENCE}`, AUTH_LOCAL_PUBLIC_KEY: keys.publicKeyPem, ...extra });

describe("verifying Google ID tokens", () => {
  it("when a token is valid for one of several audiences, then the verified email comes back lower-cased", async () => {
    const verify = idTokenVerifier(config().auth);
    const token = mintIdToken(keys.privateKeyPem, { email: "LiMing@Demo.PlanOps.cn" });
    await expect(verify(`Bearer ${token}`)).resolves.toEqual({ email: "liming@demo.planops.cn" });
  });

  it("when a hosted domain is required, then only tokens of that Workspace domain pass", async () => {
    const verify = idTokenVerifier(config({ AUTH_HOSTED_DOMAIN: "demo.planops.cn" }).auth);
    const inside = mintIdToken(keys.privateKeyPem, { email: "liming@demo.planops.cn", hd: "demo.planops.cn" });
    const outside = mintIdToken(keys.privateKeyPem, { email: "someone@gmail.com" });
    await expect(verify(`Bearer ${inside}`)).resolves.toEqual({ email: "liming@demo.planops.cn" });
    await expect(verify(`Bearer ${outside}`)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("when a token lives longer than Google allows, then it is refused", async () => {
    const verify = idTokenVerifier(config().auth);
    const forever = mintIdToken(keys.privateKeyPem, { email: "liming@demo.planops.cn", ttlSeconds: 30 * 86_400 });
    await expect(verify(`Bearer ${forever}`)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("when the configuration lacks an audience or the local key, then it is refused at start with the variable named", () => {
    expect(() => parseConfig({})).toThrow(/AUTH_AUDIENCE/);
    expect(() => parseConfig({ AUTH_MODE: "local", AUTH_AUDIENCE: "x" })).toThrow(/AUTH_LOCAL_PUBLIC_KEY/);
  });
});

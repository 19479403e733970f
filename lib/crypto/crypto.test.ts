import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { decrypt, DecryptError, encrypt, keyId, openJson, sealJson } from "./index";

const k1 = crypto.randomBytes(32);
const k2 = crypto.randomBytes(32);

describe("secrets at rest (AES-256-GCM)", () => {
  it("round-trips text and JSON, with a fresh IV each time", () => {
    const a = encrypt({ current: k1 }, "hunter2 ✓");
    const b = encrypt({ current: k1 }, "hunter2 ✓");
    expect(a).not.toBe(b);
    expect(a).not.toContain("hunter2");
    expect(a.split(".")[1]).toBe(keyId(k1));
    expect(decrypt({ current: k1 }, a)).toBe("hunter2 ✓");
    const creds = { access_token: "abc", refresh_token: "def" };
    expect(openJson({ current: k1 }, sealJson({ current: k1 }, creds))).toEqual(creds);
  });

  it("rejects the wrong key, naming the key id it needs", () => {
    const c = encrypt({ current: k1 }, "x");
    expect(() => decrypt({ current: k2 }, c)).toThrow(DecryptError);
    expect(() => decrypt({ current: k2 }, c)).toThrow(keyId(k1));
  });

  it("decrypts with an old key after rotation", () => {
    const c = encrypt({ current: k1 }, "still readable");
    expect(decrypt({ current: k2, old: [k1] }, c)).toBe("still readable");
  });

  it("rejects tampered ciphertext, tag or IV", () => {
    const c = encrypt({ current: k1 }, "pay 10 EUR");
    const parts = c.split(".");
    const flip = (s: string) => {
      const buf = Buffer.from(s, "base64url");
      buf[0] = buf[0]! ^ 1;
      return buf.toString("base64url");
    };
    for (const i of [2, 3, 4]) {
      const bad = [...parts];
      bad[i] = flip(bad[i]!);
      expect(() => decrypt({ current: k1 }, bad.join("."))).toThrow(DecryptError);
    }
    expect(() => decrypt({ current: k1 }, "garbage")).toThrow(/format/);
  });

  it("binds a ciphertext to its owner through associated data", () => {
    const c = encrypt({ current: k1 }, "token-of-account-1", "account:1");
    expect(decrypt({ current: k1 }, c, "account:1")).toBe("token-of-account-1");
    expect(() => decrypt({ current: k1 }, c, "account:2")).toThrow(DecryptError);
    expect(() => decrypt({ current: k1 }, c)).toThrow(DecryptError);
  });
});

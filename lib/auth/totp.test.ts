import { describe, expect, it } from "vitest";
import { Secret, TOTP } from "otpauth";
import { checkTotp, looksLikeRecoveryCode, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, stepAt, totpUri } from "./totp";

// Codes are computed here with the library directly (RFC 6238, SHA-1, 6 digits, 30 s), not with
// the module under test, so a mistake there cannot agree with itself.
const codeAt = (secret: string, ms: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: ms });

describe("TOTP verification", () => {
  const secret = newTotpSecret();
  // The middle of a step, so ±15 s never crosses a boundary by accident.
  const now = (stepAt(Date.now()) * 30 + 15) * 1000;

  it("accepts the current code and reports its step", () => {
    expect(checkTotp(secret, codeAt(secret, now), null, now)).toEqual({ ok: true, step: stepAt(now) });
    expect(checkTotp(secret, ` ${codeAt(secret, now).slice(0, 3)} ${codeAt(secret, now).slice(3)} `, null, now).ok).toBe(true);
  });

  it("accepts one step of drift either way", () => {
    expect(checkTotp(secret, codeAt(secret, now - 30_000), null, now)).toEqual({ ok: true, step: stepAt(now) - 1 });
    expect(checkTotp(secret, codeAt(secret, now + 30_000), null, now)).toEqual({ ok: true, step: stepAt(now) + 1 });
  });

  it("refuses an expired code (two steps old) and one from too far ahead", () => {
    expect(checkTotp(secret, codeAt(secret, now - 60_000), null, now)).toEqual({ ok: false, reason: "wrong" });
    expect(checkTotp(secret, codeAt(secret, now + 60_000), null, now)).toEqual({ ok: false, reason: "wrong" });
  });

  it("refuses a wrong code and a malformed one", () => {
    const right = codeAt(secret, now);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    expect(checkTotp(secret, wrong, null, now)).toEqual({ ok: false, reason: "wrong" });
    expect(checkTotp(newTotpSecret(), right, null, now).ok).toBe(false);
    expect(checkTotp(secret, "12345", null, now)).toEqual({ ok: false, reason: "malformed" });
    expect(checkTotp(secret, "abcdef", null, now)).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses a reused code in the same window, and an older code once a newer one was used", () => {
    const first = checkTotp(secret, codeAt(secret, now), null, now);
    expect(first.ok).toBe(true);
    const last = first.ok ? first.step : -1;
    expect(checkTotp(secret, codeAt(secret, now), last, now + 5_000)).toEqual({ ok: false, reason: "reused" });
    expect(checkTotp(secret, codeAt(secret, now - 30_000), last, now)).toEqual({ ok: false, reason: "reused" });
    // The next step's code is new, and accepted.
    expect(checkTotp(secret, codeAt(secret, now + 30_000), last, now + 30_000)).toEqual({ ok: true, step: last + 1 });
  });

  it("makes an otpauth URI apps read", () => {
    const uri = new URL(totpUri(secret, "ada@example.com"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Scheduler");
    expect(decodeURIComponent(uri.pathname)).toContain("ada@example.com");
  });
});

describe("recovery codes", () => {
  it("are ten distinct, readable, high-entropy codes", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) {
      expect(c).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      expect(looksLikeRecoveryCode(c.toUpperCase())).toBe(true);
    }
    expect(normalizeRecoveryCode("ABCD-efgh ijkl-mnop")).toBe("abcdefghijklmnop");
    expect(looksLikeRecoveryCode("123456")).toBe(false);
  });
});

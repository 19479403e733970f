import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, staticSecurityHeaders } from "./headers";

const names = (url: string | undefined) => staticSecurityHeaders(url).map((h) => h.key);

describe("security headers", () => {
  it("send HSTS only when the public URL is https", () => {
    expect(names("https://scheduler.example.org")).toContain("Strict-Transport-Security");
    for (const url of ["http://localhost:3000", "http://scheduler.example.org", undefined, "not a url"])
      expect(names(url)).not.toContain("Strict-Transport-Security");
    expect(names("http://localhost:3000")).toEqual(["X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy"]);
  });

  it("give pages a policy whose scripts need the nonce, never inline or eval in production", () => {
    const nonce = newNonce();
    const csp = contentSecurityPolicy(nonce, { dev: false, https: false });
    const script = csp.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(script).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    // A nonce in style-src would turn 'unsafe-inline' off for the style attributes React writes.
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(contentSecurityPolicy(nonce, { dev: true, https: true })).toMatch(/script-src [^;]*'unsafe-eval'.*upgrade-insecure-requests$/);
  });

  it("make a fresh, unguessable nonce each time", () => {
    const seen = new Set(Array.from({ length: 100 }, newNonce));
    expect(seen.size).toBe(100);
    for (const n of seen) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});

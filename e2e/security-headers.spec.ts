import type { APIResponse } from "@playwright/test";
import { expect, test } from "./fixtures";

/** The fixed headers every answer carries (lib/security/headers.ts). */
const FIXED = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
};

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

function expectFixed(res: APIResponse, what: string) {
  const h = res.headers();
  for (const [name, value] of Object.entries(FIXED)) expect(h[name], `${name} on ${what}`).toBe(value);
  for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"])
    expect(h["permissions-policy"], `permissions-policy on ${what}`).toContain(`${feature}=()`);
  // The e2e server's public URL is http: no HSTS (it is sent only for an https public URL).
  expect(h["strict-transport-security"], `HSTS on ${what}`).toBeUndefined();
}

test("pages, API answers and static files carry the security headers; pages a nonce CSP", async ({ request }, info) => {
  const page = await request.get("/signin");
  expect(page.status()).toBe(200);
  const api = await request.get("/api/health");
  expect(api.ok()).toBe(true);
  const html = await page.text();
  const asset = html.match(/<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/)?.[1];
  expect(asset, "a build asset referenced by the page").toBeTruthy();
  const stat = await request.get(asset!);
  expect(stat.status()).toBe(200);
  const pub = await request.get("/screenshots/calendar-light.png");
  expect(pub.status()).toBe(200);

  const listed = { "/signin": page, "/api/health": api, [asset!]: stat, "/screenshots/calendar-light.png": pub };
  await info.attach("headers as served", {
    body: Object.entries(listed)
      .map(
        ([path, r]) =>
          `${path}\n${Object.entries(r.headers())
            .map(([k, v]) => `  ${k}: ${v}`)
            .join("\n")}`,
      )
      .join("\n\n"),
    contentType: "text/plain",
  });
  for (const [path, res] of Object.entries(listed)) expectFixed(res, path);

  const csp = page.headers()["content-security-policy"]!;
  expect(csp).toBeTruthy();
  const d = directives(csp);
  const script = d.get("script-src")!;
  const nonce = script.find((s) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(s));
  expect(nonce, `script-src has a nonce: ${script.join(" ")}`).toBeTruthy();
  expect(script).not.toContain("'unsafe-inline'");
  expect(script).not.toContain("'unsafe-eval'");
  expect(d.get("frame-ancestors")).toEqual(["'none'"]);
  expect(d.get("object-src")).toEqual(["'none'"]);
  expect(d.get("connect-src")).toEqual(["'self'"]);
  // Every script in the page carries this request's nonce, and the next request gets another.
  const value = nonce!.slice("'nonce-".length, -1);
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(1);
  for (const tag of tags) expect(tag).toContain(`nonce="${value}"`);
  const again = (await request.get("/signin")).headers()["content-security-policy"]!;
  expect(again).not.toContain(nonce!);

  // The CSP belongs to pages; API answers and static files do not get one.
  expect(api.headers()["content-security-policy"]).toBeUndefined();
  expect(stat.headers()["content-security-policy"]).toBeUndefined();
});

test("the policy refuses a script injected into a page, and the console shows it (what the fixture listens for)", async ({ browser }) => {
  // Deliberately not guarded: this page provokes a violation on purpose.
  const ctx = await browser.newContext();
  try {
    const page = await ctx.newPage();
    const console: string[] = [];
    page.on("console", (m) => console.push(`${m.type()}: ${m.text()}`));
    // What a stored cross-site script would look like: markup in the served page, without the nonce.
    await page.route("**/signin", async (route) => {
      const res = await route.fetch();
      const html = (await res.text())
        .replace("<body", '<script>window.__injected = "script"</script><body')
        .replace("</body>", '<img src="data:," onerror="window.__handler = true"></body>');
      await route.fulfill({ response: res, body: html });
    });
    await page.goto("/signin");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible(); // the app's own scripts still run
    await expect(page.getByLabel("Email")).toBeEditable();
    const ran = await page.evaluate(() => ({ script: "__injected" in window, handler: "__handler" in window }));
    expect(ran).toEqual({ script: false, handler: false });
    await expect.poll(() => console.filter((l) => /^error: .*Content Security Policy/.test(l)).length).toBeGreaterThanOrEqual(2);
  } finally {
    await ctx.close();
  }
});

import { expect, test } from "./fixtures";
import { nextMonthDay, person, signUp } from "./helpers";

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(body: Buffer): string {
  expect(body.subarray(1, 4).toString("latin1")).toBe("PNG");
  return `${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`;
}

test("the web app manifest and its icons are linked from the head and answer without a session", async ({ page, request }) => {
  // Without a session (the request fixture has no cookies) and from a page's head.
  await page.goto("/signin");
  const href = await page.locator('head link[rel="manifest"]').getAttribute("href");
  expect(href).toBe("/manifest.webmanifest");
  const res = await request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^application\/manifest\+json/);
  const manifest = JSON.parse(await res.text());
  expect(manifest).toMatchObject({
    name: "Scheduler",
    short_name: "Scheduler",
    start_url: "/",
    display: "standalone",
    theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
    background_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
  });
  const icons = manifest.icons as { src: string; sizes: string; type: string; purpose?: string }[];
  expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  expect(icons.some((i) => i.purpose === "maskable")).toBe(true);
  for (const icon of icons) {
    const r = await request.get(icon.src);
    expect(r.status(), icon.src).toBe(200);
    expect(r.headers()["content-type"], icon.src).toBe("image/png");
    expect(icon.type).toBe("image/png");
    expect(pngSize(await r.body()), icon.src).toBe(icon.sizes);
  }

  // The tab icons and the Apple touch icon, also linked from the head.
  const apple = page.locator('head link[rel="apple-touch-icon"]');
  await expect(apple).toHaveAttribute("sizes", "180x180");
  const touch = await request.get((await apple.getAttribute("href"))!);
  expect(touch.status()).toBe(200);
  expect(touch.headers()["content-type"]).toBe("image/png");
  expect(pngSize(await touch.body())).toBe("180x180");
  const tab = page.locator('head link[rel="icon"]');
  expect(await tab.count()).toBeGreaterThan(0);
  for (const h of await tab.evaluateAll((links) => links.map((l) => l.getAttribute("href")!))) expect((await request.get(h)).status(), h).toBe(200);
});

test("the dashboard links the manifest too, and the review page previews under the account's own name", async ({ page, baseURL }, info) => {
  const me = person(info, "reviewer");
  await signUp(page, me);
  await expect(page.locator('head link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  const api = (method: "post" | "patch", path: string, data: unknown) => page.request[method](path, { data, headers: { origin: baseURL! } });
  expect((await api("patch", "/api/v1/workspace", { approval_policy: "required_for_all" })).status()).toBe(200);
  const account = await (await api("post", "/api/v1/platform-accounts", { platform: "sandbox", name: "Zebra Brand" })).json();
  const content = await (await api("post", "/api/v1/content", { title: "Launch day", content: "Doors open at nine." })).json();
  const made = await api("post", "/api/v1/schedules", {
    content_item_id: content.id,
    platform_account_ids: [account.id],
    scheduled_time: `${nextMonthDay(12)}T09:00`,
    timezone: "UTC",
  });
  expect(made.status()).toBe(201);

  await page.goto(`/approvals/${content.id}`);
  const preview = page.getByRole("figure", { name: "Preview on Sandbox" });
  await expect(preview).toContainText("Doors open at nine.");
  await expect(preview).toContainText("Zebra Brand");
  await expect(preview).not.toContainText(me.name);
  await expect(preview.locator("span[aria-hidden]").first()).toHaveText("Z");
});

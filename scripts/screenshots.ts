/**
 * `npm run screenshots`: the README's screenshots, made from the seeded demo workspace so they
 * can be regenerated at any time. Starts the app on a fresh embedded database (or uses the one
 * at the URL given as first argument, signed in as the demo admin) and writes PNGs to
 * public/screenshots (or the folder given as second argument).
 */
import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { launchChromium, startApp } from "./lib/app";

const PASSWORD = process.env.DEMO_ADMIN_PASSWORD ?? "demo-password-123";
const out = process.argv[3] ?? "public/screenshots";

/** The content page of the demo's next scheduled post: its schedules with their controls. */
async function nextScheduledPost(page: Page): Promise<string> {
  const res = await page.request.get("/api/v1/schedules?publish_status=pending&limit=1");
  const first = ((await res.json()) as { items?: { content_item_id: string }[] }).items?.[0];
  if (!first) throw new Error("the demo workspace has no scheduled post to show");
  return `/content/${first.content_item_id}`;
}

/** [file, path (or how to find it), theme, what to wait for]. */
const SHOTS: [string, string | ((p: Page) => Promise<string>), "light" | "dark", (p: Page) => Promise<unknown>][] = [
  ["overview", "/", "light", (p) => p.getByTestId("stat-scheduled").waitFor()],
  ["calendar-light", "/calendar", "light", (p) => p.getByTestId("calendar-event").first().waitFor()],
  ["calendar-dark", "/calendar", "dark", (p) => p.getByTestId("calendar-event").first().waitFor()],
  ["composer", "/content/new", "light", (p) => p.getByLabel("Body").waitFor()],
  ["analytics", "/analytics", "light", (p) => p.locator(".recharts-surface").first().waitFor()],
  ["scheduled-post", nextScheduledPost, "light", (p) => p.getByTestId("schedule-actions").first().waitFor()],
];

async function shoot(browser: Browser, base: string) {
  fs.mkdirSync(out, { recursive: true });
  for (const [name, path, theme, ready] of SHOTS) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, baseURL: base, colorScheme: theme });
    await ctx.addCookies([{ name: "theme", value: theme, url: base }]);
    const page = await ctx.newPage();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(process.env.DEMO_ADMIN_EMAIL ?? "admin@example.com");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    await page.goto(typeof path === "string" ? path : await path(page));
    await ready(page);
    // Let charts finish their entry animation and fonts settle.
    await page.waitForFunction(() => document.fonts.status === "loaded");
    await page.waitForTimeout(800);
    const file = `${out}/${name}.png`;
    await page.screenshot({ path: file });
    console.log(file);
    await ctx.close();
  }
}

async function main() {
  const given = process.argv[2];
  const app = given ? { base: given, stop: () => {} } : await startApp({ port: Number(process.env.SCREENSHOT_PORT ?? 3196), password: PASSWORD, env: { JOBS_DRIVER: "off" } });
  const browser = await launchChromium();
  try {
    await shoot(browser, app.base);
  } finally {
    await browser.close();
    app.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

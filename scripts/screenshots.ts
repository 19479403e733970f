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

type Shot = {
  file: string;
  path: string | ((p: Page) => Promise<string>);
  theme: "light" | "dark";
  ready: (p: Page) => Promise<unknown>;
  /** 375 px wide, as a phone. */
  phone?: boolean;
};

const connectX = async (p: Page) => {
  const connect = p.getByRole("region", { name: "Connect an account" });
  await connect.getByRole("radio", { name: /^X/ }).check();
  await connect.getByRole("form", { name: "Connect X" }).waitFor();
  await connect.scrollIntoViewIfNeeded();
};
const calendarReady = (p: Page) => p.getByTestId("calendar-event").first().waitFor();

const SHOTS: Shot[] = [
  { file: "overview", path: "/", theme: "light", ready: (p) => p.getByTestId("stat-scheduled").waitFor() },
  { file: "calendar-light", path: "/calendar", theme: "light", ready: calendarReady },
  { file: "calendar-dark", path: "/calendar", theme: "dark", ready: calendarReady },
  { file: "calendar-phone-light", path: "/calendar", theme: "light", ready: calendarReady, phone: true },
  { file: "calendar-phone-dark", path: "/calendar?view=timeGridWeek", theme: "dark", ready: calendarReady, phone: true },
  { file: "composer", path: "/content/new", theme: "light", ready: (p) => p.getByLabel("Body").waitFor() },
  { file: "composer-dark", path: "/content/new", theme: "dark", ready: (p) => p.getByLabel("Body").waitFor() },
  { file: "composer-phone-light", path: "/content/new", theme: "light", ready: (p) => p.getByLabel("Body").waitFor(), phone: true },
  { file: "composer-phone-dark", path: "/content/new", theme: "dark", ready: (p) => p.getByLabel("Body").waitFor(), phone: true },
  { file: "connect-light", path: "/settings/accounts", theme: "light", ready: connectX },
  { file: "connect-dark", path: "/settings/accounts", theme: "dark", ready: connectX },
  { file: "connect-phone-light", path: "/settings/accounts", theme: "light", ready: connectX, phone: true },
  { file: "connect-phone-dark", path: "/settings/accounts", theme: "dark", ready: connectX, phone: true },
  { file: "analytics", path: "/analytics", theme: "light", ready: (p) => p.locator(".recharts-surface").first().waitFor() },
  { file: "scheduled-post", path: nextScheduledPost, theme: "light", ready: (p) => p.getByTestId("schedule-actions").first().waitFor() },
];

async function shoot(browser: Browser, base: string) {
  fs.mkdirSync(out, { recursive: true });
  for (const { file: name, path, theme, ready, phone } of SHOTS) {
    const ctx = await browser.newContext({
      ...(phone ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : { viewport: { width: 1280, height: 860 } }),
      baseURL: base,
      colorScheme: theme,
    });
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
    // A whole phone page is shot from the top, so the sticky header sits where a person sees it.
    if (phone) await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: file, fullPage: !!phone });
    console.log(file);
    await ctx.close();
  }
}

async function main() {
  const given = process.argv[2];
  const app = given
    ? { base: given, stop: () => {} }
    : await startApp({ port: Number(process.env.SCREENSHOT_PORT ?? 3196), password: PASSWORD, env: { JOBS_DRIVER: "off" } });
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

import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { person, signUp } from "./helpers";

/** Every screen of the dashboard; `{content}` is filled with a real item's id. */
const SCREENS = [
  "/",
  "/calendar",
  "/content",
  "/content/new",
  "/content/{content}",
  "/approvals",
  "/jobs",
  "/analytics",
  "/settings/team",
  "/settings/accounts",
  "/settings/tokens",
  "/settings/preferences",
  "/settings/blackouts",
  "/settings/calendar-feed",
  "/settings/approvals",
  "/settings/notifications",
  "/settings/quality-gates",
  "/settings/webhooks",
  "/settings/templates",
  "/settings/audit",
  "/settings/backup",
  "/settings/profile",
  "/notifications",
  "/health",
  "/forgot-password",
  "/reset-password?token=not-a-real-token",
];

async function seed(page: Page, baseURL: string) {
  const post = (path: string, data: unknown) => page.request.post(path, { data, headers: { origin: baseURL } });
  const account = await (await post("/api/v1/platform-accounts", { platform: "sandbox", name: "Sandbox" })).json();
  const content = await (await post("/api/v1/content", { title: "Accessible post", content: "Checked by axe", tags: ["a11y"] })).json();
  const at = new Date(Date.now() + 3 * 86_400_000).toISOString();
  await post("/api/v1/schedules", { content_item_id: content.id, platform_account_ids: [account.id], scheduled_time: at, timezone: "UTC" });
  // Settings screens with something in them: a blackout window and a calendar feed.
  await post("/api/v1/blackouts", { starts_at: "2030-06-01T10:00:00Z", ends_at: "2030-06-01T12:00:00Z", reason: "Checked" });
  await post("/api/v1/ics-feed", {});
  return content.id as string;
}

/** Serious and critical findings of every axe rule: WCAG 2.1 A/AA and axe's best practices. */
async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
}

for (const theme of ["light", "dark"] as const) {
  test(`every screen answers 200, fits the screen and axe finds nothing serious (${theme})`, async ({ page, baseURL, context }, info) => {
    test.setTimeout(180_000);
    await context.addCookies([{ name: "theme", value: theme, url: baseURL! }]);
    await signUp(page, person(info, `axe-${theme}`));
    const contentId = await seed(page, baseURL!);
    const found: string[] = [];
    for (const screen of SCREENS) {
      const path = screen.replace("{content}", contentId);
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      await expect(page.locator("main h1").first()).toBeVisible();
      await page.waitForLoadState("load");
      await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark).*$/);
      // Settings editors fold away: open them, so their controls are checked too.
      if (/^\/(settings|approvals)/.test(path)) for (const summary of await page.locator("details > summary").all()) await summary.click();
      for (const v of await violations(page)) found.push(`${path}: ${v}`);
      if (!(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth))) found.push(`${path}: wider than the screen`);
    }
    // Settings opens on its first screen.
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/settings\/team$/);
    expect(found, found.join("\n")).toEqual([]);
  });
}

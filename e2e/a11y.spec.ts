import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { person, signUp, themeInPlace } from "./helpers";

/** Every screen of the dashboard; `{content}` is filled with a real item's id. */
const SCREENS = [
  "/",
  "/calendar",
  "/content",
  "/content/new",
  "/content/{content}",
  "/categories",
  "/approvals",
  "/jobs",
  "/analytics",
  "/analytics/import",
  "/settings/team",
  "/settings/accounts",
  "/settings/tokens",
  "/settings/preferences",
  "/settings/blackouts",
  "/settings/calendar-feed",
  "/settings/review-links",
  "/settings/approvals",
  "/settings/notifications",
  "/settings/quality-gates",
  "/settings/feeds",
  "/settings/links",
  "/settings/webhooks",
  "/settings/alerts",
  "/settings/templates",
  "/settings/audit",
  "/settings/retention",
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

/** The rules whose verdict depends on the colours, so on the theme; every other rule sees the same DOM in both. */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/** Serious and critical findings of every axe rule (WCAG 2.1 A/AA and axe's best practices), or of the colour rules only. */
async function violations(page: Page, only?: string[]) {
  const builder = new AxeBuilder({ page });
  const result = await (only ? builder.withRules(only) : builder).analyze();
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

/*
 * Two halves of the screens, run side by side: each half opens its screens in one theme (served
 * in it, from the cookie) and runs every rule there, then switches to the other theme in place and
 * runs the colour rules again. So every screen gets every rule, and its colours are checked in
 * both themes, for about half the time of two whole walks.
 */
const HALVES = [
  { served: "light", other: "dark" },
  { served: "dark", other: "light" },
] as const;

HALVES.forEach(({ served, other }, half) => {
  test(`every screen answers 200, fits the screen and axe finds nothing serious (half ${half + 1}: served ${served}, colours also ${other})`, async ({
    page,
    baseURL,
    context,
  }, info) => {
    test.setTimeout(180_000);
    await context.addCookies([{ name: "theme", value: served, url: baseURL! }]);
    await signUp(page, person(info, `axe-${served}`));
    const contentId = await seed(page, baseURL!);
    const found: string[] = [];
    for (const screen of SCREENS.filter((_, i) => i % 2 === half)) {
      const path = screen.replace("{content}", contentId);
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      await expect(page.locator("main h1").first()).toBeVisible();
      await page.waitForLoadState("load");
      await expect(page.locator("html")).toHaveClass(served === "dark" ? /dark/ : /^(?!.*dark).*$/);
      // Settings editors fold away: open them, so their controls are checked too.
      if (/^\/(settings|approvals)/.test(path)) for (const summary of await page.locator("details > summary").all()) await summary.click();
      for (const v of await violations(page)) found.push(`${path} (${served}): ${v}`);
      if (!(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth))) found.push(`${path}: wider than the screen`);
      await themeInPlace(page, other);
      for (const v of await violations(page, COLOUR_RULES)) found.push(`${path} (${other}): ${v}`);
    }
    // Settings opens on its first screen.
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/settings\/team$/);
    expect(found, found.join("\n")).toEqual([]);
  });
});

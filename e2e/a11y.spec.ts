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
  return content.id as string;
}

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

for (const theme of ["light", "dark"] as const) {
  test(`every screen answers 200 and axe finds nothing serious (${theme})`, async ({ page, baseURL, context }, info) => {
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
      if (theme === "dark") await expect(page.locator("html")).toHaveClass(/dark/);
      for (const v of await violations(page)) found.push(`${path}: ${v}`);
    }
    expect(found, found.join("\n")).toEqual([]);
  });
}

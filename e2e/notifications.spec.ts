import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createWebhookFake } from "../adapters/fakes/webhook";
import { person, signUp } from "./helpers";

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
}

test("a refused post reaches the signed-in admin's bell live; mark read and mark all read work", async ({ page, baseURL }, info) => {
  // Accepts the account's secret when it is connected, then rotates to another one.
  const receiver = { secret: "wrong-secret" };
  const fake = createWebhookFake(receiver);
  await fake.start();
  try {
    await signUp(page, person(info, "notify"));
    await page.goto("/notifications");
    await expect(page.getByRole("heading", { name: "Notifications", exact: true })).toBeVisible();
    await expect(page.getByText("No notifications yet.")).toBeVisible();
    const bell = page.getByTestId("notification-bell");
    await expect(bell).toHaveAccessibleName("Notifications");
    await expect(page.getByTestId("notification-count")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Mark all read" })).toBeDisabled();

    // A post to an account whose receiver refuses the secret: the post fails for good and the account is flagged.
    const api = (path: string, data: unknown) => page.request.post(path, { data, headers: { origin: baseURL! } });
    const account = await (
      await api("/api/v1/platform-accounts", {
        platform: "webhook",
        name: "Partner hook",
        config: { api_base_url: fake.hookUrl() },
        credentials: { secret: "wrong-secret" },
      })
    ).json();
    receiver.secret = "right-secret";
    const content = await (await api("/api/v1/content", { title: "Launch note", content: "We are live" })).json();
    const made = await api("/api/v1/schedules", {
      content_item_id: content.id,
      platform_account_ids: [account.id],
      scheduled_time: new Date(Date.now() + 1500).toISOString(),
      timezone: "UTC",
    });
    expect(made.status()).toBe(201);

    // No reload: the stream brings both into the bell and the list.
    await expect(page.getByTestId("notification-count")).toHaveText("2", { timeout: 20_000 });
    await expect(bell).toHaveAccessibleName("Notifications, 2 unread");
    const items = page.getByTestId("notification-item");
    await expect(items.filter({ hasText: "“Launch note” failed to publish on webhook" })).toBeVisible();
    await expect(items.filter({ hasText: "Partner hook needs reconnecting" })).toBeVisible();
    await expect(page.getByTestId("unread-summary")).toHaveText("2 unread");

    await page.getByRole("button", { name: "Mark read: “Launch note” failed to publish on webhook" }).click();
    await expect(page.getByTestId("notification-count")).toHaveText("1");
    await expect(items.filter({ hasText: "Launch note" })).toHaveAttribute("data-unread", "false");
    await expect(page.getByRole("button", { name: /^Mark read: “Launch note”/ })).toHaveCount(0);

    await page.getByRole("button", { name: "Mark all read" }).click();
    await expect(page.getByTestId("unread-summary")).toHaveText("All caught up.");
    await expect(page.getByTestId("notification-count")).toHaveCount(0);
    await page.reload();
    await expect(items).toHaveCount(2);
    await expect(page.locator('[data-testid="notification-item"][data-unread="true"]')).toHaveCount(0);

    // The link leads to the failed post in the job monitor.
    await items.filter({ hasText: "Launch note" }).getByRole("link").click();
    await expect(page.getByRole("heading", { name: "History of “Launch note”" })).toBeVisible();
  } finally {
    await fake.close();
  }
});

test("notification preferences and quiet hours are saved; a bad window is refused and changes nothing", async ({ page }, info) => {
  await signUp(page, person(info, "notify-prefs"));
  await page.goto("/settings/notifications");
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Notifications" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("email-off")).toBeVisible();
  const failedByEmail = page.getByLabel("Publishing failed for good: by email");
  await expect(failedByEmail).toBeChecked();
  await failedByEmail.uncheck();
  await page.getByLabel(/Email me one summary each morning/).check();
  await page.getByLabel("Hold emails during quiet hours").check();
  await page.getByLabel("Quiet from").fill("21:00");
  await page.getByLabel("Quiet until").fill("21:00");
  await page.getByRole("button", { name: "Save notification settings" }).click();
  await expect(page.getByTestId("form-error")).toContainText("Quiet until: quiet hours need a start and an end that differ");
  await page.reload();
  await expect(failedByEmail).toBeChecked();

  await failedByEmail.uncheck();
  await page.getByLabel(/Email me one summary each morning/).check();
  await page.getByLabel("Hold emails during quiet hours").check();
  await page.getByLabel("Quiet from").fill("21:00");
  await page.getByLabel("Quiet until").fill("06:30");
  await page.getByRole("button", { name: "Save notification settings" }).click();
  await expect(page.getByRole("status")).toContainText("Notification settings saved");
  await page.reload();
  await expect(failedByEmail).not.toBeChecked();
  await expect(page.getByLabel("Publishing failed for good: in the app")).toBeChecked();
  await expect(page.getByLabel(/Email me one summary each morning/)).toBeChecked();
  await expect(page.getByLabel("Quiet from")).toHaveValue("21:00");
  await expect(page.getByLabel("Quiet until")).toHaveValue("06:30");
  const prefs = await (await page.request.get("/api/v1/me/notification-preferences")).json();
  expect(prefs).toMatchObject({
    digest: true,
    quiet_hours: { enabled: true, start: "21:00", end: "06:30" },
    triggers: { publishing_failed: { in_app: true, email: false } },
  });
  // Nothing overflows the page at this width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

for (const theme of ["light", "dark"] as const) {
  test(`axe finds nothing serious on the notification screens (${theme})`, async ({ page, baseURL, context }, info) => {
    await context.addCookies([{ name: "theme", value: theme, url: baseURL! }]);
    await signUp(page, person(info, `notify-axe-${theme}`));
    for (const path of ["/notifications", "/settings/notifications"]) {
      await page.goto(path);
      await expect(page.locator("main h1").first()).toBeVisible();
      if (theme === "dark") await expect(page.locator("html")).toHaveClass(/dark/);
      expect(await seriousViolations(page), path).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), path).toBe(true);
    }
  });
}

import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createWebhookFake } from "../adapters/fakes/webhook";
import { expect, test } from "./fixtures";
import { nextMonthDay, person, signUp } from "./helpers";

/** Serious or critical axe findings in light and dark. */
async function axe(page: Page, baseURL: string, path: string) {
  const out: string[] = [];
  for (const theme of ["light", "dark"]) {
    await page.context().addCookies([{ name: "theme", value: theme, url: baseURL }]);
    await page.goto(path);
    await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark).*$/);
    const result = await new AxeBuilder({ page }).analyze();
    out.push(
      ...result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${path} ${theme}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    );
  }
  await page.context().addCookies([{ name: "theme", value: "light", url: baseURL }]);
  return out;
}

const noSideScroll = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);

test("an account that needs reconnecting is not offered, and posts already on it are flagged on the calendar and the overview", async ({
  page,
  baseURL,
}, info) => {
  test.slow(); // four axe passes and three screens on a shared two-core machine
  const receiver = { secret: "an-old-secret" };
  const fake = createWebhookFake(receiver);
  await fake.start();
  try {
    await signUp(page, person(info, "broken"));
    const api = async (path: string, data: unknown, status = 201) => {
      const res = await page.request.post(path, { data, headers: { origin: baseURL! } });
      expect(res.status(), `${path}: ${await res.text()}`).toBe(status);
      return res.json();
    };
    await api("/api/v1/platform-accounts", { platform: "sandbox", name: "Sandbox one" });
    // Connected while the receiver accepted its secret; the receiver rotates it later.
    const hook = await api("/api/v1/platform-accounts", {
      platform: "webhook",
      name: "Partner hook",
      config: { api_base_url: fake.hookUrl() },
      credentials: { secret: "an-old-secret" },
    });
    const day = nextMonthDay(12);
    const content = await api("/api/v1/content", { title: "Partner news", content: "Out on the partner hook" });
    const made = await api("/api/v1/schedules", { content_item_id: content.id, platform_account_id: hook.id, scheduled_time: `${day}T10:00`, timezone: "UTC" });
    const scheduleId = made.schedules[0].id as string;
    receiver.secret = "the-right-secret";
    const verified = await api(`/api/v1/platform-accounts/${hook.id}/verify`, {}, 200);
    expect(verified.status).toBe("needs_reconnect");

    // The API refuses a new post on it, naming the account and why.
    const refused = await api(
      "/api/v1/schedules",
      { content_item_id: content.id, platform_account_id: hook.id, scheduled_time: `${day}T11:00`, timezone: "UTC" },
      409,
    );
    expect(refused.error.code).toBe("conflict:account_unavailable");
    expect(refused.error.message).toContain("“Partner hook” needs reconnecting");

    // Overview: the account, the post waiting on it, and the way to fix it.
    await page.goto("/");
    const notice = page.getByTestId("broken-accounts");
    await expect(notice).toContainText("Partner hook needs reconnecting");
    await expect(notice).toContainText("1 scheduled post on it will fail until it is reconnected");
    await expect(notice.getByRole("link", { name: "Reconnect Partner hook" })).toHaveAttribute("href", "/settings/accounts");
    await noSideScroll(page);
    await page.screenshot({ path: test.info().outputPath("broken-overview.png"), fullPage: true });

    // Calendar: the post is flagged, and the notice links to reconnecting.
    await page.goto(`/calendar?date=${day}`);
    const event = page.locator(`[data-schedule-id="${scheduleId}"]`);
    await expect(event).toHaveAttribute("data-account-broken", "true");
    await expect(event.getByRole("img", { name: /Partner hook needs reconnecting: this post would fail/ })).toBeVisible();
    await expect(page.getByTestId("broken-accounts").getByRole("link", { name: "Reconnect Partner hook" })).toBeVisible();
    await expect(page.getByTestId("draft-broken-account")).toContainText("Partner hook — needs reconnecting");
    await page.screenshot({ path: test.info().outputPath("broken-calendar.png") });

    // Composer: shown with the reason and a reconnect link, but it cannot be ticked.
    await page.goto("/content/new");
    const broken = page.getByRole("checkbox", { name: /Partner hook/ });
    await expect(broken).toBeDisabled();
    const row = page.getByTestId("composer-account").filter({ hasText: "Partner hook" });
    await expect(row).toContainText("Needs reconnecting — Reconnect");
    await expect(row.getByRole("link", { name: "Reconnect" })).toHaveAttribute("href", "/settings/accounts");
    await expect(page.getByRole("checkbox", { name: /Sandbox one/ })).toBeEnabled();
    await noSideScroll(page);
    await row.screenshot({ path: test.info().outputPath("broken-composer.png") });

    expect([...(await axe(page, baseURL!, "/")), ...(await axe(page, baseURL!, "/content/new"))]).toEqual([]);

    // Once reconnected with the right secret, it is offered again and the flags go.
    const patched = await page.request.patch(`/api/v1/platform-accounts/${hook.id}`, {
      data: { credentials: { secret: "the-right-secret" } },
      headers: { origin: baseURL! },
    });
    expect(patched.status(), await patched.text()).toBe(200);
    expect((await api(`/api/v1/platform-accounts/${hook.id}/verify`, {}, 200)).status).toBe("active");
    await page.goto("/content/new");
    await expect(page.getByRole("checkbox", { name: /Partner hook/ })).toBeEnabled();
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(page.getByTestId("broken-accounts")).toHaveCount(0);
  } finally {
    await fake.close();
  }
});

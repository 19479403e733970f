import { expect, test } from "./fixtures";
import { createWebhookFake } from "../adapters/fakes/webhook";
import { person, signUp } from "./helpers";

test("the job monitor shows a refused post, its history, and a retry that publishes after the account is fixed", async ({ page, baseURL }, info) => {
  // Accepts the account's secret when it is connected, then rotates to another one.
  const receiver = { secret: "wrong-secret" };
  const fake = createWebhookFake(receiver);
  await fake.start();
  try {
    await signUp(page, person(info, "jobs"));
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
    const scheduleId = (await made.json()).schedules[0].id as string;
    await expect
      .poll(async () => (await (await page.request.get(`/api/v1/schedules/${scheduleId}`)).json()).publish_status, { timeout: 15_000 })
      .toBe("failed");

    // The overview and the health page say so too.
    await page.goto("/");
    await expect(page.getByTestId("stat-failed")).toHaveText("1");
    await expect(page.getByTestId("stat-reconnect")).toHaveText("1");
    await expect(page.getByTestId("stat-success")).toHaveText("0%");
    await page.goto("/health");
    await expect(page.getByTestId("health-account").filter({ hasText: "Partner hook" })).toContainText("needs reconnect");
    await expect(page.getByRole("region", { name: "Recent errors" })).toContainText("refused the credentials");

    await page.goto("/jobs");
    await expect(page.getByRole("heading", { name: "Job monitor" })).toBeVisible();
    const failed = page.getByTestId("failed-row").filter({ hasText: "Launch note" });
    await expect(failed).toContainText("refused the credentials");
    const attempt = page.getByTestId("attempt-row").filter({ hasText: "Launch note" });
    await expect(attempt).toContainText("credentials refused");

    // Fix the account on the accounts screen (new secret, checked at once)…
    await page.goto("/settings/accounts");
    const accountRow = page.getByTestId("account-row").filter({ hasText: "Partner hook" });
    await expect(accountRow).toContainText("needs reconnect");
    const form = accountRow.getByRole("form", { name: "New credentials for Partner hook" });
    await form.getByLabel("Signing secret").fill("right-secret");
    await form.getByRole("button", { name: "Save and verify" }).click();
    await expect(accountRow).toContainText("active");
    await expect(accountRow).not.toContainText("refused the credentials");

    // …then retry from the monitor: the live stream brings the result.
    await page.goto("/jobs");
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
    // Its controls show once on the page (under Needs attention), not again in the attempts table.
    await expect(page.getByRole("button", { name: "Retry now Launch note" })).toHaveCount(1);
    await failed.getByRole("button", { name: "Retry now Launch note" }).click();
    await expect(page.getByTestId("attempt-row").filter({ hasText: "Launch note" }).filter({ hasText: "published" })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId("failed-row").filter({ hasText: "Launch note" })).toHaveCount(0);
    await page.goto("/");
    await expect(page.getByTestId("stat-failed")).toHaveText("0");
    await expect(page.getByTestId("stat-today")).toHaveText("1");
    await expect(page.getByTestId("stat-success")).toHaveText("50%");
    await page.goto("/jobs");
    expect(fake.deliveries.filter((d) => d.payload.schedule_id === scheduleId)).toHaveLength(1);

    await page.getByRole("link", { name: "Launch note" }).first().click();
    await expect(page.getByRole("heading", { name: "History of “Launch note”" })).toBeVisible();
    const steps = page.getByRole("list", { name: "Attempts in order" }).getByRole("listitem");
    await expect(steps).toHaveCount(2);
    await expect(steps.first()).toContainText("credentials refused");
    await expect(steps.last()).toContainText("published");

    // Filters narrow the table; a broken date is ignored with a note rather than an error page.
    await page.goto("/jobs?outcome=auth&from=not-a-date");
    await expect(page.getByText("Ignored unreadable filter: from.")).toBeVisible();
    await expect(page.getByTestId("attempt-row")).toHaveCount(1);
  } finally {
    await fake.close();
  }
});

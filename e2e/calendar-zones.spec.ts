import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createWebhookFake } from "../adapters/fakes/webhook";
import { person, signUp } from "./helpers";

/*
 * The calendar speaks the person's time: a post set for 09:00 in their zone shows at 09:00 (in
 * their locale's way of writing it) in the month and week views, on the right day, with the
 * toolbar and day headers in their language; the stored instant is the right one.
 */

const CASES = [
  { zone: "Europe/Berlin", locale: "de-DE", shown: "09:00", instant: "2027-01-04T08:00:00.000Z", month: /Januar 2027/, week: /^Mo\.? 4\.?$/ },
  { zone: "America/Los_Angeles", locale: "en-US", shown: "9:00 AM", instant: "2027-01-04T17:00:00.000Z", month: /January 2027/, week: /^Mon,? 4$/ },
];

async function setup(page: Page, baseURL: string) {
  const api = async (path: string, data: unknown, method = "post") => {
    const res = await page.request.fetch(path, { method, data, headers: { origin: baseURL } });
    expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  const account = await api("/api/v1/platform-accounts", { platform: "sandbox", name: "Sandbox one" });
  return { api, accountId: account.id as string };
}

for (const c of CASES) {
  test.describe(`in ${c.zone}, ${c.locale}`, () => {
    test.use({ timezoneId: c.zone, locale: c.locale });

    test("a post at 09:00 local shows at 09:00 in the month and week views", async ({ page, baseURL, isMobile }, info) => {
      await signUp(page, person(info, "zone"));
      const s = await setup(page, baseURL!);
      await s.api("/api/v1/me/preferences", { timezone: c.zone }, "put");
      const content = await s.api("/api/v1/content", { title: "Morning post", content: "Good morning" });
      const made = await s.api("/api/v1/schedules", {
        content_item_id: content.id,
        platform_account_ids: [s.accountId],
        scheduled_time: "2027-01-04T09:00",
        timezone: c.zone,
      });
      const id = made.schedules[0].id as string;
      expect((await (await page.request.get(`/api/v1/schedules/${id}`)).json()).scheduled_time).toBe(c.instant);

      await page.goto("/calendar?date=2027-01-04&view=dayGridMonth");
      const cal = page.getByTestId("calendar");
      await expect(cal.locator('[role="heading"]')).toHaveText(c.month);
      const event = page.locator(`[data-schedule-id="${id}"]`);
      await expect(event).toContainText(c.shown);
      await expect(cal.locator('[data-date="2027-01-04"]').locator(`[data-schedule-id="${id}"]`)).toBeVisible();

      await page.goto("/calendar?date=2027-01-04&view=timeGridWeek");
      await expect(event).toContainText(c.shown);
      // A phone's week names its days by their initials only.
      if (!isMobile) await expect(cal.getByText(c.week).first()).toBeVisible();
      // The event sits in the 09:00 row of its day's column.
      const slot = cal.locator('[data-time="09:00:00"]').first();
      const [e, r] = [await event.boundingBox(), await slot.boundingBox()];
      expect(Math.abs(e!.y - r!.y)).toBeLessThan(r!.height);

      // The schedule's "when", as the toast of a move says it, is in the person's words too.
      await page.goto("/calendar?date=2027-01-04&view=listWeek");
      await expect(event).toBeVisible();
      await expect(cal).toContainText(c.shown);
    });
  });
}

test.describe("blackouts and the side list", () => {
  test.skip(({ isMobile }) => isMobile, "the side list is the same on a phone; one run is enough");

  test("a blackout is shaded with its reason, in the person's zone", async ({ page, baseURL }, info) => {
    await signUp(page, person(info, "shade"));
    const s = await setup(page, baseURL!);
    await s.api("/api/v1/me/preferences", { timezone: "Europe/Berlin" }, "put");
    // 09:00 to 17:00 in Berlin: 08:00 to 16:00 UTC.
    await s.api("/api/v1/blackouts", { starts_at: "2027-01-05T08:00:00Z", ends_at: "2027-01-05T16:00:00Z", reason: "Press embargo" });
    await page.goto("/calendar?date=2027-01-04&view=timeGridWeek");
    const shade = page.getByTestId("calendar-blackout").filter({ hasText: "Press embargo" });
    await expect(shade).toBeVisible();
    const top = await shade.boundingBox();
    const nine = await page.getByTestId("calendar").locator('[data-time="09:00:00"]').first().boundingBox();
    expect(Math.abs(top!.y - nine!.y)).toBeLessThan(nine!.height + 4);
    await page.goto("/calendar?date=2027-01-04&view=dayGridMonth");
    await expect(page.getByTestId("calendar-blackout").filter({ hasText: "Press embargo" })).toBeVisible();
  });

  test("the accounts a draft is dropped onto are remembered per person, across reloads", async ({ page, baseURL }, info) => {
    await signUp(page, person(info, "remember"));
    const s = await setup(page, baseURL!);
    const second = await s.api("/api/v1/platform-accounts", { platform: "sandbox", name: "Sandbox two" });
    await s.api("/api/v1/content", { title: "An idea", content: "to place" });
    await page.goto("/calendar");
    const one = page.getByRole("checkbox", { name: "Sandbox one" });
    const two = page.getByRole("checkbox", { name: "Sandbox two" });
    await expect(one).toBeChecked();
    await expect(two).not.toBeChecked();
    await two.check();
    await one.uncheck();
    await expect(one).not.toBeChecked();
    await expect(page.getByTestId("calendar-board")).toHaveAttribute("data-pending-saves", "0");
    await page.reload();
    await expect(two).toBeChecked();
    await expect(one).not.toBeChecked();
    expect(second.id).toBeTruthy();
  });

  test("a failed post is under Needs attention, not in the Unscheduled list", async ({ page, baseURL }, info) => {
    // The receiver takes the account's secret when it is connected (every account is verified when
    // saved), then changes its own, so the post is refused when it goes out.
    const receiver = { secret: "wrong-secret" };
    const fake = createWebhookFake(receiver);
    await fake.start();
    try {
      await signUp(page, person(info, "failed"));
      const api = (path: string, data: unknown) => page.request.post(path, { data, headers: { origin: baseURL! } });
      const account = await (
        await api("/api/v1/platform-accounts", {
          platform: "webhook",
          name: "Partner hook",
          config: { api_base_url: fake.hookUrl() },
          credentials: { secret: "wrong-secret" },
        })
      ).json();
      expect(account.status).toBe("active");
      receiver.secret = "right-secret";
      const content = await (await api("/api/v1/content", { title: "Doomed note", content: "Will be refused" })).json();
      await (await api("/api/v1/content", { title: "Plain draft", content: "Not yet placed" })).json();
      const made = await (
        await api("/api/v1/schedules", {
          content_item_id: content.id,
          platform_account_ids: [account.id],
          scheduled_time: new Date(Date.now() + 1500).toISOString(),
          timezone: "UTC",
        })
      ).json();
      const id = made.schedules[0].id as string;
      await expect.poll(async () => (await (await page.request.get(`/api/v1/schedules/${id}`)).json()).publish_status, { timeout: 15_000 }).toBe("failed");
      await page.goto("/calendar");
      await expect(page.getByTestId("draft-item").filter({ hasText: "Plain draft" })).toBeVisible();
      await expect(page.getByTestId("draft-item").filter({ hasText: "Doomed note" })).toHaveCount(0);
      await expect(page.getByTestId("calendar-needs-attention")).toContainText("Needs attention (1)");
      await page.getByRole("link", { name: "Needs attention (1)" }).click();
      await expect(page.getByTestId("failed-row").filter({ hasText: "Doomed note" })).toBeVisible();
    } finally {
      await fake.close();
    }
  });
});

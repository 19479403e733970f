import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { joinAs, nextMonthDay, person, signUp } from "./helpers";

async function setup(page: Page, baseURL: string) {
  const api = async (path: string, data: unknown) => {
    const res = await page.request.post(path, { data, headers: { origin: baseURL } });
    expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  const account = await api("/api/v1/platform-accounts", { platform: "sandbox", name: "Sandbox one" });
  const post = async (title: string, at?: string) => {
    const content = await api("/api/v1/content", { title, content: `${title} body` });
    if (!at) return { contentId: content.id as string, scheduleId: "" };
    const made = await api("/api/v1/schedules", { content_item_id: content.id, platform_account_ids: [account.id], scheduled_time: at, timezone: "UTC" });
    return { contentId: content.id as string, scheduleId: made.schedules[0].id as string };
  };
  return { api, accountId: account.id as string, post };
}

const schedule = async (page: Page, id: string) => (await page.request.get(`/api/v1/schedules/${id}`)).json();

/** Drags with real pointer moves, in steps, as a person would. */
async function drag(page: Page, from: ReturnType<Page["locator"]>, to: ReturnType<Page["locator"]>) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 5, a.y + a.height / 2 + 5, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height - 8, { steps: 12 });
  await page.mouse.up();
}

const cell = (page: Page, day: string) => page.getByTestId("calendar").locator(`[data-date="${day}"]`).last();

test.describe("desktop calendar", () => {
  test.skip(({ isMobile }) => isMobile, "dragging is a pointer gesture; the phone layout has its own test");
  // Times as a British browser writes them (24-hour clock); other locales: calendar-zones.spec.ts.
  test.use({ locale: "en-GB" });

  test("drag a post to another day keeps its time; a refused drag rolls back with a message", async ({ page, baseURL }, info) => {
    await signUp(page, person(info, "cal"));
    const s = await setup(page, baseURL!);
    const day = nextMonthDay(10);
    const { scheduleId } = await s.post("Launch teaser", `${day}T14:45:00Z`);
    const { scheduleId: other } = await s.post("Blocked move", `${day}T08:15:00Z`);
    await s.api("/api/v1/blackouts", { starts_at: `${nextMonthDay(20)}T00:00:00Z`, ends_at: `${nextMonthDay(21)}T00:00:00Z`, reason: "Holiday freeze" });

    await page.goto(`/calendar?date=${day}`);
    const event = page.locator(`[data-schedule-id="${scheduleId}"]`);
    await expect(event).toBeVisible();
    await expect(event).toContainText("14:45");

    const target = nextMonthDay(12);
    await drag(page, event, cell(page, target));
    await expect(page.getByTestId("toast").filter({ hasText: "Moved “Launch teaser”" })).toBeVisible();
    await expect(page.getByTestId("calendar-board")).toHaveAttribute("data-pending-saves", "0");
    const moved = await schedule(page, scheduleId);
    expect(moved.scheduled_time).toBe(`${target}T14:45:00.000Z`);
    await expect(cell(page, target).locator(`[data-schedule-id="${scheduleId}"]`)).toBeVisible();

    // Into the blackout: the server refuses, the event goes back, and the person is told why.
    const blocked = page.locator(`[data-schedule-id="${other}"]`);
    await drag(page, blocked, cell(page, nextMonthDay(20)));
    await expect(page.getByTestId("toast").filter({ hasText: "Could not move “Blocked move”" })).toBeVisible();
    await expect(cell(page, day).locator(`[data-schedule-id="${other}"]`)).toBeVisible();
    expect((await schedule(page, other)).scheduled_time).toBe(`${day}T08:15:00.000Z`);
  });

  test("a busy day in the month shows its real count behind “+N more”, which opens the day with every post", async ({ page, baseURL }, info) => {
    await signUp(page, person(info, "busy"));
    const s = await setup(page, baseURL!);
    const day = nextMonthDay(14);
    const ids: string[] = [];
    for (let h = 9; h < 18; h++) ids.push((await s.post(`Busy ${h}`, `${day}T${String(h).padStart(2, "0")}:00:00Z`)).scheduleId);

    await page.goto(`/calendar?date=${day}&view=dayGridMonth`);
    // Four posts on the grid, the other five behind the link (the grid is handed only five of the nine).
    await expect(cell(page, day).locator("[data-schedule-id]")).toHaveCount(4);
    const more = cell(page, day).getByText(/^\+\d+ more$/);
    await expect(more).toHaveText("+5 more");
    await more.click();
    const calendar = page.getByTestId("calendar");
    for (const id of ids) await expect(calendar.locator(`[data-schedule-id="${id}"]`)).toBeVisible();
  });

  test("drop a draft from the side list onto a day to schedule it", async ({ page, baseURL }, info) => {
    await signUp(page, person(info, "drafts"));
    const s = await setup(page, baseURL!);
    const { contentId } = await s.post("Unplaced idea");
    const day = nextMonthDay(15);
    await page.goto(`/calendar?date=${day}`);
    const draft = page.getByTestId("draft-item").filter({ hasText: "Unplaced idea" });
    await expect(draft).toBeVisible();
    await drag(page, draft, cell(page, day));
    await expect(page.getByTestId("toast").filter({ hasText: "Scheduled “Unplaced idea”" })).toBeVisible();
    await expect(page.getByTestId("draft-item").filter({ hasText: "Unplaced idea" })).toHaveCount(0);
    await expect(cell(page, day).getByTestId("calendar-event").filter({ hasText: "Unplaced idea" })).toBeVisible();
    const list = await (await page.request.get(`/api/v1/schedules?content_item_id=${contentId}`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ platform_account_id: s.accountId, scheduled_time: `${day}T09:00:00.000Z` });
  });

  test("filters, the time zone picker and the timeline by account", async ({ page, baseURL }, info) => {
    await signUp(page, person(info, "filters"));
    const s = await setup(page, baseURL!);
    const day = nextMonthDay(8);
    const { scheduleId } = await s.post("Tokyo morning", `${day}T23:30:00Z`);
    const { scheduleId: close } = await s.post("Too close", `${day}T23:35:00Z`);
    await page.goto(`/calendar?date=${day}`);
    await expect(page.locator(`[data-schedule-id="${scheduleId}"]`)).toContainText("23:30");
    // Five minutes apart on one account: both carry the conflict flag.
    for (const id of [scheduleId, close]) await expect(page.locator(`[data-schedule-id="${id}"]`).getByTestId("conflict-flag")).toBeVisible();
    await expect(page.getByTestId("conflict-list")).toContainText(/\d+ conflicts? in view/);
    await page.getByLabel("Status").selectOption("published");
    await expect(page.locator(`[data-schedule-id="${scheduleId}"]`)).toHaveCount(0);
    await page.getByLabel("Status").selectOption("");
    await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
    await expect(page).toHaveURL(/zone=Asia%2FTokyo/);
    // 23:30 UTC is 08:30 the next day in Tokyo.
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await expect(cell(page, next).locator(`[data-schedule-id="${scheduleId}"]`)).toContainText("08:30");
    await page.getByRole("button", { name: "By account" }).click();
    await expect(page.getByTestId("timeline-row").filter({ hasText: "Sandbox one" })).toBeVisible();
  });

  test("clicking an empty day opens the composer at that time", async ({ page }, info) => {
    await signUp(page, person(info, "slot"));
    const day = nextMonthDay(18);
    await page.goto(`/calendar?date=${day}`);
    await cell(page, day).click({ position: { x: 30, y: 60 } });
    await expect(page).toHaveURL(new RegExp(`/content/new\\?at=${day}T09%3A00%3A00.000Z&zone=UTC`));
  });

  test("a viewer sees the calendar without drafts or drag", async ({ page, browser, baseURL }, info) => {
    await signUp(page, person(info, "owner"));
    const s = await setup(page, baseURL!);
    const day = nextMonthDay(11);
    const { scheduleId } = await s.post("Read only", `${day}T10:00:00Z`);
    await s.post("Hidden draft");
    const viewer = await joinAs(page, browser, info, "viewer");
    await viewer.page.goto(`/calendar?date=${day}`);
    const event = viewer.page.locator(`[data-schedule-id="${scheduleId}"]`);
    await expect(event).toBeVisible();
    await expect(viewer.page.getByTestId("draft-item")).toHaveCount(0);
    await expect(viewer.page.getByRole("heading", { name: "Unscheduled" })).toHaveCount(0);
    await drag(viewer.page, event, cell(viewer.page, nextMonthDay(13)));
    await expect(cell(viewer.page, day).locator(`[data-schedule-id="${scheduleId}"]`)).toBeVisible();
    expect((await schedule(page, scheduleId)).scheduled_time).toBe(`${day}T10:00:00.000Z`);
    await viewer.ctx.close();
  });
});

test("on a phone the calendar opens as a list", async ({ page, baseURL, isMobile }, info) => {
  test.skip(!isMobile, "the phone layout");
  await signUp(page, person(info, "phone"));
  const s = await setup(page, baseURL!);
  const now = new Date(Date.now() + 10 * 60_000);
  const { scheduleId } = await s.post("Pocket post", now.toISOString());
  await page.goto("/calendar");
  await expect(page.locator(`[data-schedule-id="${scheduleId}"]`)).toBeVisible();
  const calendar = page.getByTestId("calendar");
  // Every view is offered on a phone too; it opens on the list.
  for (const view of ["List", "Day", "Week", "Month"]) await expect(calendar.getByText(view, { exact: true })).toBeVisible();
  await expect(page).toHaveURL(/view=listWeek/);
  // Filters fold away on a phone.
  await expect(page.getByLabel("Tag")).toBeHidden();
  await page.getByRole("button", { name: "Filters" }).click();
  await expect(page.getByLabel("Tag")).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);

  // A post late in the evening is listed on its own day only (its chip is drawn 30 minutes long).
  // A Wednesday: its next day is in the same week, whichever day the week starts on.
  const wed = new Date(`${nextMonthDay(10)}T00:00:00Z`);
  wed.setUTCDate(wed.getUTCDate() + ((3 - wed.getUTCDay() + 7) % 7));
  const day = wed.toISOString().slice(0, 10);
  const { scheduleId: late } = await s.post("Late post", `${day}T23:50:00Z`);
  await page.goto(`/calendar?date=${day}`);
  await expect(page.locator(`[data-schedule-id="${late}"]`)).toHaveCount(1);
});

import { expect, test } from "./fixtures";
import { person, signUp } from "./helpers";
import { createFormat } from "../lib/format";

test.skip(({ isMobile }) => isMobile, "the whole journey drags on the month grid; the phone screens have their own specs");

const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

test("compose for two accounts → calendar → drag to another day, time kept → published by the sandbox at its time → job monitor, overview and analytics show it", async ({
  page,
  baseURL,
}, info) => {
  test.setTimeout(300_000);
  await signUp(page, person(info, "journey"));
  for (const name of ["Sandbox A", "Sandbox B"]) {
    const res = await page.request.post("/api/v1/platform-accounts", { data: { platform: "sandbox", name }, headers: { origin: baseURL! } });
    expect(res.status()).toBe(201);
  }
  await page.goto("/");
  const publishedBefore = Number(await page.getByTestId("stat-published").textContent());

  // The post is written for tomorrow at the first whole minute at least a minute from now (UTC):
  // the steps up to the drag take about 20 s, the rest is waiting for the runner…
  const due = new Date(Math.ceil((Date.now() + 60_000) / 60_000) * 60_000);
  const today = due.toISOString().slice(0, 10);
  const time = due.toISOString().slice(11, 16);
  const tomorrow = dayAfter(today);
  const title = `Journey ${Date.now().toString(36)}`;
  await page.goto("/content/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Body").fill("From the composer to the platform");
  await page.getByRole("checkbox", { name: /Sandbox A/ }).check();
  await page.getByRole("checkbox", { name: /Sandbox B/ }).check();
  await page.getByLabel("Date").fill(tomorrow);
  await page.getByLabel("Time", { exact: true }).fill(time);
  await page.getByLabel("Time zone").selectOption("UTC");
  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(page).toHaveURL(/\/content\/[0-9a-f-]{36}$/);

  // …shows on the calendar on both accounts…
  await page.goto(`/calendar?date=${today}`);
  const calendar = page.getByTestId("calendar");
  const onTomorrow = calendar.locator(`[data-date="${tomorrow}"]`).last().getByTestId("calendar-event").filter({ hasText: title });
  await expect(onTomorrow).toHaveCount(2);
  // In the person's format: this browser is American and the person's zone is UTC ("5:53 AM").
  await expect(onTomorrow.first()).toContainText(createFormat({ locale: "en-US", timeZone: "UTC" }).time(due));

  // …and one of them is dragged to today: same time of day, so it falls due in about a minute.
  const chip = onTomorrow.first();
  const id = (await chip.getAttribute("data-schedule-id"))!;
  const a = (await chip.boundingBox())!;
  const b = (await calendar.locator(`[data-date="${today}"]`).last().boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 5, a.y + a.height / 2 + 5, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height - 8, { steps: 12 });
  await page.mouse.up();
  await expect(page.getByTestId("toast").filter({ hasText: `Moved “${title}”` })).toBeVisible();
  const moved = await (await page.request.get(`/api/v1/schedules/${id}`)).json();
  expect(moved.scheduled_time).toBe(due.toISOString());

  // The embedded runner publishes it through the sandbox adapter at its time, and the calendar sees it live.
  const chipNow = page.locator(`[data-schedule-id="${id}"]`);
  await expect(chipNow).toHaveAttribute("data-status", "published", { timeout: 180_000 });
  const done = await (await page.request.get(`/api/v1/schedules/${id}`)).json();
  expect(done.publish_status).toBe("published");
  expect(Date.parse(done.published_at ?? done.updated_at)).toBeGreaterThanOrEqual(due.getTime());

  // The job monitor shows the attempt…
  await page.goto(`/jobs?schedule=${id}`);
  await expect(page.getByRole("main")).toContainText(title);
  await expect(page.getByRole("main")).toContainText(/Attempt 1 · .* · published/);

  // …the overview counts it…
  await page.goto("/");
  await expect(page.getByTestId("stat-published")).toHaveText(String(publishedBefore + 1));

  // …and analytics draws it.
  await page.goto("/analytics");
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await expect(page.getByText(/nothing published in this range/i)).toHaveCount(0);
});

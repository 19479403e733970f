import { expect, test } from "./fixtures";
import { nextMonthDay, person, signUp } from "./helpers";
import { createFormat } from "../lib/format";

test("a daily series across a blackout day shows the skipped date in the composer's preview and schedules the rest", async ({ page, baseURL }, info) => {
  await signUp(page, person(info, "series"));
  const api = async (path: string, data: unknown) => {
    const res = await page.request.post(path, { data, headers: { origin: baseURL! } });
    expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  await api("/api/v1/platform-accounts", { platform: "sandbox", name: "Sandbox one" });
  const [start, blocked] = [nextMonthDay(10), nextMonthDay(12)];
  await api("/api/v1/blackouts", { starts_at: `${blocked}T00:00:00Z`, ends_at: `${nextMonthDay(13)}T00:00:00Z`, reason: "Press day" });

  await page.goto("/content/new");
  await page.getByLabel("Title").fill("Daily tip");
  await page.getByLabel("Body").fill("One tip a day");
  await page.getByRole("checkbox", { name: /Sandbox one/ }).check();
  await page.getByLabel("Date").fill(start);
  await page.getByLabel("Time", { exact: true }).fill("09:00");
  await page.getByLabel("Time zone").selectOption("UTC");
  await page.getByLabel("Repeat").selectOption("DAILY");
  await page.getByLabel("Posts").fill("5");

  const preview = page.getByTestId("occurrences");
  await expect(preview.getByRole("listitem")).toHaveCount(5);
  const skipped = preview.locator("li[data-skipped]");
  await expect(skipped).toHaveCount(1);
  // In the person's format (this browser is American): "Tue, Jan 12, 2027, 9:00 AM".
  const f = createFormat({ locale: "en-US", timeZone: "UTC" });
  const at = `${blocked}T09:00:00Z`;
  const label = `${f.weekday(at, "short")}, ${f.dateTime(at)}`;
  await expect(skipped).toContainText(label);
  await expect(skipped).toContainText("skipped (blackout: Press day)");
  await expect(page.getByTestId("skipped-summary")).toContainText("One of these falls in a blackout and is skipped");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);
  await page.getByTestId("occurrences").screenshot({ path: test.info().outputPath("series-preview.png") });

  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(page).toHaveURL(/\/content\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("status").filter({ hasText: "Scheduled 4 posts" })).toBeVisible();
  const contentId = page.url().split("/").pop()!;
  const list = await (await page.request.get(`/api/v1/schedules?content_item_id=${contentId}&limit=50`)).json();
  const days = list.items.map((s: { local_time: string }) => s.local_time.slice(0, 10)).sort();
  expect(days).toEqual([nextMonthDay(10), nextMonthDay(11), nextMonthDay(13), nextMonthDay(14)]);
});

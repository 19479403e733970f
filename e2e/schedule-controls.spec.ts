import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { joinAs, nextMonthDay, person, signUp } from "./helpers";

async function setup(page: Page, baseURL: string) {
  const api = async (method: "post" | "patch", path: string, data: unknown) => {
    const res = await page.request[method](path, { data, headers: { origin: baseURL } });
    expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  const main = await api("post", "/api/v1/platform-accounts", { platform: "sandbox", name: "Main sandbox" });
  const second = await api("post", "/api/v1/platform-accounts", { platform: "sandbox", name: "Second sandbox" });
  const post = async (title: string, at: string, body = `${title} body`) => {
    const content = await api("post", "/api/v1/content", { title, content: body });
    const made = await api("post", "/api/v1/schedules", { content_item_id: content.id, platform_account_ids: [main.id], scheduled_time: at, timezone: "UTC" });
    return { contentId: content.id as string, scheduleId: made.schedules[0].id as string };
  };
  return { api, mainId: main.id as string, secondId: second.id as string, post };
}

/** Serious or critical axe findings on what the page shows now (an open dialog included). */
async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(" | ")}`,
    );
}

const schedule = async (page: Page, id: string) => (await page.request.get(`/api/v1/schedules/${id}`)).json();
const schedulesOf = async (page: Page, contentId: string) =>
  (await (await page.request.get(`/api/v1/schedules?content_item_id=${contentId}`)).json()).items as {
    id: string;
    local_time: string;
    platform_account_id: string;
  }[];

test("pause, resume and cancel one schedule from the content page; cancel asks first and says it is final", async ({
  page,
  baseURL,
  browser,
  isMobile,
}, info) => {
  await signUp(page, person(info, "ctl"));
  const s = await setup(page, baseURL!);
  const day = nextMonthDay(9);
  const { contentId, scheduleId } = await s.post("Controls post", `${day}T10:15:00Z`);

  await page.goto(`/content/${contentId}`);
  const row = page.locator(`[data-testid="schedule-row"][data-schedule-id="${scheduleId}"]`);
  await expect(row).toHaveAttribute("data-status", "pending");
  await expect(row.getByRole("button", { name: /^Resume/ })).toHaveCount(0);

  await row.getByRole("button", { name: /^Pause/ }).click();
  await expect(row).toHaveAttribute("data-status", "paused");
  expect((await schedule(page, scheduleId)).publish_status).toBe("paused");
  await expect(row.getByRole("button", { name: /^Pause/ })).toHaveCount(0);

  await row.getByRole("button", { name: /^Resume/ }).click();
  await expect(row).toHaveAttribute("data-status", "pending");
  expect((await schedule(page, scheduleId)).publish_status).toBe("pending");

  // Cancel confirms; "Keep it" changes nothing.
  await row.getByRole("button", { name: /^Cancel/ }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel this schedule?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("cannot be brought back");
  await dialog.getByRole("button", { name: "Keep it" }).click();
  await expect(dialog).toHaveCount(0);
  expect((await schedule(page, scheduleId)).publish_status).toBe("pending");

  // The reversible way out offered in the same dialog.
  await row.getByRole("button", { name: /^Cancel/ }).click();
  await dialog.getByRole("button", { name: "Pause instead" }).click();
  await expect(row).toHaveAttribute("data-status", "paused");
  await row.getByRole("button", { name: /^Resume/ }).click();
  await expect(row).toHaveAttribute("data-status", "pending");

  await row.getByRole("button", { name: /^Cancel/ }).click();
  await dialog.getByRole("button", { name: "Cancel schedule" }).click();
  await expect(row).toHaveAttribute("data-status", "cancelled");
  await expect(page.getByTestId("toast").filter({ hasText: "Cancelled “Controls post”" })).toBeVisible();
  expect((await schedule(page, scheduleId)).publish_status).toBe("cancelled");
  // A cancelled schedule offers only a clone.
  await expect(row.getByRole("button", { name: /^(Pause|Resume|Cancel)/ })).toHaveCount(0);
  await expect(row.getByRole("button", { name: /^Clone/ })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.screenshot({ path: info.outputPath("content-page.png"), fullPage: false });

  // A viewer sees the schedules but no controls.
  if (!isMobile) {
    const viewer = await joinAs(page, browser, info, "viewer");
    await viewer.page.goto(`/content/${contentId}`);
    await expect(viewer.page.getByTestId("schedule-row")).toHaveCount(1);
    await expect(viewer.page.getByTestId("schedule-actions")).toHaveCount(0);
    await viewer.ctx.close();
  }
});

test("clone to another time makes exactly one new schedule; custom retry delays set in the form reach the schedule", async ({ page, baseURL }, info) => {
  await signUp(page, person(info, "clone"));
  const s = await setup(page, baseURL!);
  const day = nextMonthDay(11);
  const { contentId, scheduleId } = await s.post("Clone source", `${day}T09:00:00Z`);
  await page.goto(`/content/${contentId}`);
  const row = page.locator(`[data-testid="schedule-row"][data-schedule-id="${scheduleId}"]`);

  await row.getByRole("button", { name: /^Clone/ }).click();
  const clone = page.getByRole("dialog", { name: /^Clone/ });
  await expect(clone.getByLabel("Date")).toHaveValue(day);
  // Same time and account: refused before it is sent.
  await expect(clone.getByRole("button", { name: "Clone", exact: true })).toBeDisabled();
  const target = nextMonthDay(12);
  await clone.getByLabel("Date").fill(target);
  await clone.getByLabel("Time", { exact: true }).fill("18:30");
  await clone.getByLabel("Account").selectOption({ label: "Second sandbox · Sandbox" });
  await clone.getByRole("button", { name: "Clone", exact: true }).click();
  await expect(clone).toHaveCount(0);
  await expect(page.getByTestId("schedule-row")).toHaveCount(2);
  const all = await schedulesOf(page, contentId);
  expect(all).toHaveLength(2);
  expect(all.find((x) => x.id !== scheduleId)).toMatchObject({ local_time: `${target}T18:30`, platform_account_id: s.secondId });
  expect((await schedule(page, scheduleId)).local_time).toBe(`${day}T09:00`);

  // Retry settings: the form checks as the API does …
  await row.getByRole("button", { name: /^Retry settings/ }).click();
  const settings = page.getByRole("dialog", { name: /^Retry settings/ });
  await settings.getByLabel("Custom delays").check();
  await settings.getByLabel(/Delays before each retry/).fill("45, soon");
  await settings.getByRole("button", { name: "Save retry settings" }).click();
  await expect(settings.getByText(/Delays: Enter whole seconds/)).toBeVisible();
  expect((await schedule(page, scheduleId)).retry_strategy).toBe("exponential");
  // … and the server's refusal shows: the schedule moved (new version) while the form was open.
  await s.api("patch", `/api/v1/schedules/${scheduleId}`, { scheduled_time: `${day}T09:30` });
  await settings.getByLabel(/Delays before each retry/).fill("45, 300, 900");
  await settings.getByLabel("Max retries").fill("3");
  await settings.getByLabel("Priority").selectOption("high");
  await settings.getByLabel("If missed").selectOption("ask");
  await settings.getByRole("button", { name: "Save retry settings" }).click();
  await expect(settings.getByRole("alert")).toContainText("changed since version 1");
  expect((await schedule(page, scheduleId)).retry_strategy).toBe("exponential");
  await settings.getByRole("button", { name: "Close", exact: true }).first().click();

  // Opened again, it reads the current version and saves.
  await row.getByRole("button", { name: /^Retry settings/ }).click();
  await settings.getByLabel("Custom delays").check();
  await settings.getByLabel(/Delays before each retry/).fill("45, 300, 900");
  await settings.getByLabel("Max retries").fill("3");
  await settings.getByLabel("Priority").selectOption("high");
  await settings.getByLabel("If missed").selectOption("ask");
  await page.screenshot({ path: info.outputPath("retry-settings.png") });
  await settings.getByRole("button", { name: "Save retry settings" }).click();
  await expect(settings).toHaveCount(0);
  await row.getByRole("button", { name: /^Cancel/ }).click();
  await expect(page.getByRole("dialog", { name: "Cancel this schedule?" })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(await schedule(page, scheduleId)).toMatchObject({
    retry_strategy: "custom",
    retry_delays: [45, 300, 900],
    max_retries: 3,
    priority: "high",
    missed_policy: "ask",
  });
});

test("a calendar event opens a dialog with the post, its controls and Open post; dragging still moves it", async ({ page, baseURL, isMobile }, info) => {
  await signUp(page, person(info, "calpop"));
  const s = await setup(page, baseURL!);
  const day = nextMonthDay(10);
  const { contentId, scheduleId } = await s.post("Popover post", `${day}T14:45:00Z`, "Words the popover shows");
  await page.goto(`/calendar?date=${day}`);
  const event = page.locator(`[data-schedule-id="${scheduleId}"]`);
  await expect(event).toBeVisible();
  await event.click();
  const pop = page.getByRole("dialog", { name: "Popover post" });
  await expect(pop).toBeVisible();
  await expect(pop).toContainText("Words the popover shows");
  await expect(pop).toContainText("Main sandbox");
  await expect(pop.getByRole("link", { name: "Open post" })).toHaveAttribute("href", `/content/${contentId}`);
  await expect(pop.getByRole("button", { name: /^Clone/ })).toBeVisible();
  await expect(pop.getByRole("button", { name: /^Retry settings/ })).toBeVisible();
  await pop.getByRole("button", { name: /^Pause/ }).click();
  await expect(pop.getByRole("button", { name: /^Resume/ })).toBeVisible();
  expect((await schedule(page, scheduleId)).publish_status).toBe("paused");
  await page.screenshot({ path: info.outputPath("calendar-dialog.png") });
  expect(await axe(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  // The phone shows the week as a list, without drag; the rest is the desktop's.
  if (isMobile) return;
  await pop.getByRole("button", { name: /^Resume/ }).click();
  await expect(pop.getByRole("button", { name: /^Pause/ })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(pop).toHaveCount(0);
  await expect(page).toHaveURL(/\/calendar/);

  // A drag is not a click: it moves the post and opens nothing.
  const target = nextMonthDay(12);
  const box = (await event.boundingBox())!;
  const to = (await page.getByTestId("calendar").locator(`[data-date="${target}"]`).last().boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 5, box.y + box.height / 2 + 5, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height - 8, { steps: 12 });
  await page.mouse.up();
  await expect.poll(async () => (await schedule(page, scheduleId)).local_time).toBe(`${target}T14:45`);
  await expect(pop).toHaveCount(0);

  // Keyboard: the event is a button; Enter opens it too.
  await event.locator("xpath=ancestor-or-self::*[@role='button'][1]").focus();
  await page.keyboard.press("Enter");
  await expect(pop).toBeVisible();
  await pop.getByRole("link", { name: "Open post" }).click();
  await expect(page).toHaveURL(new RegExp(`/content/${contentId}`));
});

test("after a sandbox post publishes, the job monitor row offers its controls and View on Sandbox opens the post", async ({ page, baseURL, context }, info) => {
  await signUp(page, person(info, "viewon"));
  const s = await setup(page, baseURL!);
  const due = new Date(Date.now() + 1500).toISOString();
  const { contentId, scheduleId } = await s.post("Published for real", due, "Text the sandbox published");
  await expect.poll(async () => (await schedule(page, scheduleId)).publish_status, { timeout: 15_000, intervals: [250] }).toBe("published");
  const url = (await schedule(page, scheduleId)).platform_post_url as string;
  expect(url).toMatch(/^\/sandbox\/[0-9a-f-]{36}$/);

  await page.goto("/jobs");
  const row = page.getByTestId("attempt-row").filter({ hasText: "Published for real" });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("button", { name: /^Clone/ })).toBeVisible();
  await page.screenshot({ path: info.outputPath("job-monitor.png") });
  const link = row.getByRole("link", { name: /View on Sandbox/ });
  await expect(link).toHaveAttribute("href", url);
  const [tab] = await Promise.all([context.waitForEvent("page"), link.click()]);
  await tab.waitForLoadState();
  await expect(tab.getByRole("heading", { name: "Sandbox post" })).toBeVisible();
  await expect(tab.getByTestId("sandbox-text")).toHaveText("Text the sandbox published");
  await expect(tab.getByTestId("sandbox-post")).toContainText("Main sandbox");
  expect(await axe(tab)).toEqual([]);
  await tab.screenshot({ path: info.outputPath("sandbox-post.png") });
  await tab.close();

  // The content page links to it as well; an unknown sandbox id is a 404.
  await page.goto(`/content/${contentId}`);
  await expect(page.getByTestId("schedule-row").getByRole("link", { name: /View on Sandbox/ })).toHaveAttribute("href", url);
  const missing = await page.request.get(`/sandbox/${crypto.randomUUID()}`);
  expect(missing.status()).toBe(404);
});

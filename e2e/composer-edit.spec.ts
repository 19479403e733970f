import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { joinAs, person, signUp } from "./helpers";

// Editing a scheduled post in the composer moves, adds and cancels its schedules: never a second post.

type Api = ReturnType<typeof apiOf>;
function apiOf(page: Page, baseURL: string) {
  const req: APIRequestContext = page.request;
  return {
    post: async (path: string, data: unknown) => {
      const r = await req.post(path, { data, headers: { origin: baseURL } });
      expect(r.ok(), `${path}: ${await r.text()}`).toBe(true);
      return r.json();
    },
    get: async (path: string) => (await req.get(path)).json(),
  };
}

/** Two sandbox accounts and a post scheduled on both next month, 09:00 UTC. */
async function scheduledPost(api: Api, title: string) {
  const a = (await api.post("/api/v1/platform-accounts", { platform: "sandbox", name: "Alpha" })).id as string;
  const b = (await api.post("/api/v1/platform-accounts", { platform: "sandbox", name: "Beta" })).id as string;
  const content = (await api.post("/api/v1/content", { title, content: `${title}: the body` })).id as string;
  const next = new Date();
  next.setUTCDate(15);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const day = next.toISOString().slice(0, 10);
  await api.post("/api/v1/schedules", { content_item_id: content, platform_account_ids: [a, b], scheduled_time: `${day}T09:00`, timezone: "UTC" });
  return { a, b, content, day };
}

/**
 * The next minute in UTC: due within a minute, and still a minute or more ahead of the server's
 * "in the past" refusal (it allows 60 s) however slowly the form is filled on a busy machine.
 */
function dueSoon() {
  const now = new Date();
  const at = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 60_000);
  return { date: at.toISOString().slice(0, 10), time: at.toISOString().slice(11, 16) };
}

type Sched = { id: string; platform_account_id: string; publish_status: string; local_time: string };
const schedulesOf = async (api: Api, content: string) => (await api.get(`/api/v1/schedules?content_item_id=${content}&limit=100`)).items as Sched[];
const attemptsOf = async (api: Api, id: string) => (await api.get(`/api/v1/schedules/${id}/attempts`)).items as { outcome: string }[];

async function pickTime(page: Page, when: { date: string; time: string }) {
  await page.getByLabel("Date").fill(when.date);
  await page.getByLabel("Time", { exact: true }).fill(when.time);
}

test("a new time in the composer moves the post: one schedule per account, at the new time, published once", async ({ page, baseURL }, info) => {
  test.setTimeout(180_000);
  await signUp(page, person(info, "mover"));
  const api = apiOf(page, baseURL!);
  const { content } = await scheduledPost(api, "Move me");
  const before = await schedulesOf(api, content);
  expect(before).toHaveLength(2);

  await page.goto(`/content/${content}`);
  await expect(page.getByLabel("Time", { exact: true })).toHaveValue("09:00");
  await expect(page.getByRole("button", { name: "Add another time" })).toBeVisible();
  await expect(page.getByTestId("save-explained")).toContainText("Save draft saves your changes and keeps the scheduled posts as they are");
  const soon = dueSoon();
  await pickTime(page, soon);
  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `Moved 2 posts to` })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: `${soon.time} UTC` })).toBeVisible();
  // One toast for the save, nothing else.
  await expect(page.getByTestId("toast")).toHaveCount(1);

  // The same two schedules, moved; each goes out once.
  await expect
    .poll(async () => (await schedulesOf(api, content)).map((s) => s.publish_status).join(","), { timeout: 120_000, intervals: [500] })
    .toBe("published,published");
  const after = await schedulesOf(api, content);
  expect(after.map((s) => s.id).sort()).toEqual(before.map((s) => s.id).sort());
  expect(after.map((s) => s.local_time)).toEqual([`${soon.date}T${soon.time}`, `${soon.date}T${soon.time}`]);
  expect(new Set(after.map((s) => s.platform_account_id)).size).toBe(2);
  for (const s of after) expect((await attemptsOf(api, s.id)).map((x) => x.outcome)).toEqual(["success"]);
});

test("unticking an account asks first, lists what will be cancelled, and its post never goes out", async ({ page, baseURL }, info) => {
  test.setTimeout(180_000);
  await signUp(page, person(info, "untick"));
  const api = apiOf(page, baseURL!);
  const { a, b, content, day } = await scheduledPost(api, "Drop one");

  await page.goto(`/content/${content}`);
  await page.getByRole("checkbox", { name: /Beta/ }).uncheck();
  const soon = dueSoon();
  await pickTime(page, soon);
  await page.getByRole("button", { name: "Schedule", exact: true }).click();

  const dialog = page.getByRole("dialog", { name: "Cancel this post?" });
  await expect(dialog).toBeVisible();
  // The safe choice has the focus: Enter does not cancel.
  await expect(dialog.getByRole("button", { name: "Keep it" })).toBeFocused();
  const listed = dialog.getByTestId("cancel-list").getByRole("listitem");
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText("Beta");
  // In the person's zone (UTC, the schedule's too, so no second zone) and their browser's locale.
  await expect(listed).toContainText("9:00 AM");
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  await page.screenshot({ path: test.info().outputPath("edit-cancel.png") });
  const axe = await new AxeBuilder({ page }).include("[data-testid=schedule-edit-dialog]").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expect(listed).toContainText(`${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]} ${d}, ${y}`);

  // Keeping it changes nothing.
  await dialog.getByRole("button", { name: "Keep it" }).click();
  await expect(dialog).toBeHidden();
  expect((await schedulesOf(api, content)).map((s) => [s.publish_status, s.local_time])).toEqual([
    ["pending", `${day}T09:00`],
    ["pending", `${day}T09:00`],
  ]);

  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel it and save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Moved 1 post to" }).filter({ hasText: "cancelled 1" })).toBeVisible();

  await expect
    .poll(async () => (await schedulesOf(api, content)).find((s) => s.platform_account_id === a)?.publish_status, { timeout: 120_000, intervals: [500] })
    .toBe("published");
  const rows = await schedulesOf(api, content);
  expect(rows).toHaveLength(2);
  const beta = rows.find((s) => s.platform_account_id === b)!;
  expect(beta.publish_status).toBe("cancelled");
  expect(await attemptsOf(api, beta.id)).toEqual([]);
});

test("an editor whose posts need approval sees 'Scheduled — waiting for approval' with Submit for approval, never a bare 'scheduled'", async ({
  page,
  baseURL,
  browser,
}, info) => {
  await signUp(page, person(info, "owner"));
  const api = apiOf(page, baseURL!);
  await api.post("/api/v1/platform-accounts", { platform: "sandbox", name: "Alpha" });
  const policy = await page.request.patch("/api/v1/workspace", { data: { approval_policy: "required_for_editors" }, headers: { origin: baseURL! } });
  expect(policy.status()).toBe(200);
  const editor = await joinAs(page, browser, info, "editor");
  const p = editor.page;

  await p.goto("/content/new");
  await p.getByLabel("Title").fill("Needs a yes");
  await p.getByLabel("Body").fill("Waiting for a reviewer");
  await p.getByRole("checkbox", { name: /Alpha/ }).check();
  const next = new Date();
  next.setUTCDate(12);
  next.setUTCMonth(next.getUTCMonth() + 1);
  await pickTime(p, { date: next.toISOString().slice(0, 10), time: "10:00" });
  await p.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(p.getByRole("status").filter({ hasText: "Scheduled 1 post — waiting for approval." })).toBeVisible();
  await expect(p).toHaveURL(/\/content\/[0-9a-f-]{36}$/);

  const waiting = p.getByTestId("waiting-for-approval");
  await expect(waiting).toContainText("Scheduled — waiting for approval.");
  await expect(p.getByText("Status: scheduled — waiting for approval")).toBeVisible();
  await expect(p.getByTestId("schedule-row")).toContainText("scheduled — waiting for approval");
  await waiting.getByRole("button", { name: "Submit for approval" }).click();
  await expect(p.getByRole("status").filter({ hasText: "Submitted for approval" })).toBeVisible();
  await expect(waiting).toContainText("A reviewer has this version");
  await expect(waiting.getByRole("button", { name: "Submit for approval" })).toHaveCount(0);
  await p.screenshot({ path: test.info().outputPath("edit-waiting.png"), fullPage: true });
  await editor.ctx.close();
});

test("an occurrence of a repeating series asks 'this post only' or 'the whole series' and does that", async ({ page, baseURL }, info) => {
  await signUp(page, person(info, "series"));
  const api = apiOf(page, baseURL!);
  const a = (await api.post("/api/v1/platform-accounts", { platform: "sandbox", name: "Alpha" })).id as string;
  const content = (await api.post("/api/v1/content", { title: "Every day", content: "Daily post" })).id as string;
  const next = new Date();
  next.setUTCDate(3);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const day = next.toISOString().slice(0, 10);
  await api.post("/api/v1/schedules", {
    content_item_id: content,
    platform_account_ids: [a],
    scheduled_time: `${day}T09:00`,
    timezone: "UTC",
    recurrence: { rrule: "FREQ=DAILY;COUNT=3" },
  });
  const times = async () => (await schedulesOf(api, content)).filter((s) => s.publish_status === "pending").map((s) => s.local_time.slice(11, 16));

  await page.goto(`/content/${content}`);
  await page.getByLabel("Time", { exact: true }).fill("11:15");
  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "This post is part of a repeating series" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "This post only" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Moved 1 post to" })).toBeVisible();
  await expect.poll(times).toEqual(["11:15", "09:00", "09:00"]);

  // Reopened on the moved occurrence: now the whole series moves to 16:30.
  await page.reload();
  await expect(page.getByLabel("Time", { exact: true })).toHaveValue("11:15");
  await page.getByLabel("Time", { exact: true }).fill("16:30");
  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "The whole series" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Moved the series" })).toBeVisible();
  await expect.poll(times).toEqual(["16:30", "16:30", "16:30"]);
});

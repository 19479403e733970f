import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures";
import { person, signUp } from "./helpers";
import { MISSED_GRACE_SECONDS } from "../playwright.config";

/** The engine's grace period on the e2e servers plus a margin. */
const GRACE_MS = (MISSED_GRACE_SECONDS + 5) * 1000;

test('a missed post with the "ask" policy waits under Needs a decision; Publish now publishes it once, Skip leaves the other out', async ({
  page,
  baseURL,
}, info) => {
  test.setTimeout(300_000);
  await signUp(page, person(info, "decider"));
  const api = (method: "post" | "get" | "patch", path: string, data?: unknown) => page.request[method](path, { data, headers: { origin: baseURL! } });
  // Approval for everyone: the posts are held at their time, and approving them later than the
  // grace period makes them missed. That is how a missed post happens without stopping the server.
  expect((await api("patch", "/api/v1/workspace", { approval_policy: "required_for_all" })).status()).toBe(200);
  const account = await (await api("post", "/api/v1/platform-accounts", { platform: "sandbox", name: "Sandbox decisions" })).json();
  const tag = Date.now().toString(36);
  const titles = { publish: `Launch recap ${tag}`, skip: `Flash sale ${tag}` };
  // The API takes a time up to a minute in the past: the clock for the grace period starts early.
  const at = new Date(Date.now() - 50_000).toISOString();
  const made: Record<string, { content: string; schedule: string }> = {};
  for (const [key, title] of Object.entries(titles)) {
    const content = await (await api("post", "/api/v1/content", { title, content: `${title}: what happened` })).json();
    const res = await api("post", "/api/v1/schedules", {
      content_item_id: content.id,
      platform_account_ids: [account.id],
      scheduled_time: at,
      timezone: "UTC",
      missed_policy: "ask",
    });
    expect(res.status()).toBe(201);
    made[key] = { content: content.id, schedule: (await res.json()).schedules[0].id };
  }
  const schedule = async (id: string) => (await (await api("get", `/api/v1/schedules/${id}`)).json()) as { publish_status: string; error_code: string | null };
  for (const m of Object.values(made)) await expect.poll(async () => (await schedule(m.schedule)).error_code, { timeout: 20_000 }).toBe("awaiting_approval");

  // Not a fixed sleep: the rule under test is about elapsed time, so wait until the clock says so.
  const started = Date.parse(at);
  await expect.poll(() => Date.now() - started, { timeout: GRACE_MS + 30_000, intervals: [2000] }).toBeGreaterThan(GRACE_MS);
  for (const m of Object.values(made)) {
    expect((await api("post", `/api/v1/content/${m.content}/submit`, {})).status()).toBe(200);
    expect((await api("post", `/api/v1/content/${m.content}/approve`, {})).status()).toBe(200);
    await expect.poll(async () => (await schedule(m.schedule)).error_code, { timeout: 15_000 }).toBe("missed_ask");
  }

  // The job monitor lists them too.
  await page.goto("/jobs");
  await expect(page.getByRole("heading", { name: /Needs a decision/ })).toBeVisible();
  await expect(page.getByTestId("decision-row").filter({ hasText: titles.publish })).toBeVisible();

  await page.goto("/");
  const list = page.getByRole("region", { name: /Needs a decision/ });
  await expect(list.getByRole("heading")).toHaveText("Needs a decision (2)");
  const first = list.getByTestId("decision-row").filter({ hasText: titles.publish });
  await expect(first).toContainText("Sandbox decisions");
  await expect(first).toContainText(/Due \w{3} \d{1,2}, \d{4}, \d{1,2}:\d\d [AP]M/);
  await expect(first).toContainText("approved only after its time");
  await expect(first).toContainText(/Missed its time by \d+ min/);
  expect((await new AxeBuilder({ page }).include('[data-testid="decision-list"]').withTags(["wcag2a", "wcag2aa"]).analyze()).violations).toEqual([]);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(wide).toBe(false);
  await page.screenshot({ path: test.info().outputPath("decisions.png"), fullPage: false });

  // Publish now: gone from the list, published exactly once.
  await first.getByRole("button", { name: `Publish now: ${titles.publish}` }).click();
  await expect(page.getByText(`“${titles.publish}” is in the queue`)).toBeVisible();
  await expect(list.getByTestId("decision-row").filter({ hasText: titles.publish })).toHaveCount(0);
  await expect.poll(async () => (await schedule(made.publish!.schedule)).publish_status, { timeout: 20_000 }).toBe("published");

  // Skip confirms first; "Keep waiting" changes nothing.
  const second = list.getByTestId("decision-row").filter({ hasText: titles.skip });
  await second.getByRole("button", { name: `Skip: ${titles.skip}` }).click();
  // The safe choice has the focus: Enter does not skip.
  await expect(second.getByRole("button", { name: "Keep waiting" })).toBeFocused();
  await second.getByRole("button", { name: "Keep waiting" }).click();
  await expect(second.getByRole("button", { name: `Skip: ${titles.skip}` })).toBeFocused();
  expect((await schedule(made.skip!.schedule)).error_code).toBe("missed_ask");
  await second.getByRole("button", { name: `Skip: ${titles.skip}` }).click();
  await second.getByRole("button", { name: "Yes, skip" }).click();
  await expect(page.getByText(`“${titles.skip}” was skipped`)).toBeVisible();
  await expect(page.getByRole("region", { name: /Needs a decision/ })).toHaveCount(0);
  expect(await schedule(made.skip!.schedule)).toMatchObject({ publish_status: "skipped", error_code: "missed" });

  // A decision on a post that no longer waits for one is refused with a reason.
  const again = await api("post", `/api/v1/schedules/${made.publish!.schedule}/decision`, { decision: "publish_now" });
  expect(again.status()).toBe(409);
  // One post went out for the first, none for the second.
  const attempts = await (await api("get", `/api/v1/schedules/${made.publish!.schedule}/attempts`)).json();
  expect((attempts.items as { outcome: string }[]).map((a) => a.outcome)).toEqual(["success"]);
});

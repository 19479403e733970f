import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { joinAs, person, signUp } from "./helpers";

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

async function noHorizontalOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
}

test("editor submits, admin requests changes, editor edits, admin approves, and the held post publishes", async ({ page, browser, baseURL, context }, info) => {
  test.setTimeout(180_000);
  await signUp(page, person(info, "approver"));

  // The admin turns approval on for editors.
  await page.goto("/settings/approvals");
  await page.getByLabel(/Required for editors/).check();
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Approval policy saved")).toBeVisible();
  const bad = await page.request.patch("/api/v1/workspace", { data: { minor_edit_chars: 99 }, headers: { origin: baseURL! } });
  expect(bad.status()).toBe(400);

  const account = await (
    await page.request.post("/api/v1/platform-accounts", { data: { platform: "sandbox", name: "Sandbox" }, headers: { origin: baseURL! } })
  ).json();
  const editor = await joinAs(page, browser, info, "editor");
  const ed = editor.page;
  const edApi = (method: "post" | "get", path: string, data?: unknown) => ed.request[method](path, { data, headers: { origin: baseURL! } });

  // The editor writes a post and schedules it two seconds out: due, but not approved, so it is held.
  const content = await (await edApi("post", "/api/v1/content", { title: "Spring launch", content: "We launch on Monday." })).json();
  const made = await edApi("post", "/api/v1/schedules", {
    content_item_id: content.id,
    platform_account_ids: [account.id],
    scheduled_time: new Date(Date.now() + 2000).toISOString(),
    timezone: "UTC",
  });
  expect(made.status()).toBe(201);
  const scheduleId = (await made.json()).schedules[0].id as string;
  const status = async () => (await (await edApi("get", `/api/v1/schedules/${scheduleId}`)).json()).publish_status as string;
  await expect.poll(status, { timeout: 15_000 }).toBe("paused");

  await ed.goto(`/content/${content.id}`);
  const panel = ed.getByTestId("approval-panel");
  await expect(panel.getByTestId("approval-state")).toHaveText("Not submitted");
  await panel.getByRole("button", { name: "Submit for approval" }).click();
  await expect(ed.getByText("Submitted for approval")).toBeVisible();
  await expect(panel.getByTestId("approval-state")).toHaveText("In review");

  // The admin sees the count in the navigation and opens the queue.
  await page.goto("/");
  const menu = page.getByRole("button", { name: "Open menu" });
  if (await menu.isVisible()) await menu.click();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByTestId("approvals-badge")).toContainText("1");
  await nav.getByRole("link", { name: /Approvals/ }).click();
  await expect(page.getByRole("heading", { name: "Approvals", level: 1 })).toBeVisible();
  await expect(page.getByTestId("count-pending")).toHaveText("1");
  await noHorizontalOverflow(page);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId("queue-item").getByRole("link", { name: "Spring launch" }).click();

  // Review page: previews, no earlier review to diff against, and a comment is required to request changes.
  await expect(page.getByRole("heading", { name: "Spring launch", level: 1 })).toBeVisible();
  await expect(page.getByRole("figure", { name: "Preview on Sandbox" })).toContainText("We launch on Monday.");
  await expect(page.getByText("First review: there is no earlier reviewed version")).toBeVisible();
  await noHorizontalOverflow(page);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Request changes" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "comment is required" })).toBeVisible();
  await page.getByLabel(/Comment \(required/).fill("Please say what time on Monday.");
  await page.getByRole("button", { name: "Request changes" }).click();
  await expect(page.getByText("Changes requested", { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId("comment").first()).toContainText("Please say what time on Monday.");
  expect(await status()).toBe("paused");

  // The editor reads the note and edits in the composer: saving sends it back to review.
  await ed.goto(`/content/${content.id}`);
  await expect(ed.getByTestId("reviewer-note")).toContainText("Please say what time on Monday.");
  await ed.getByLabel("Body", { exact: true }).fill("We launch on Monday at 9:00.");
  await ed.getByRole("button", { name: "Save draft" }).click();
  await expect(ed.getByText("Draft saved")).toBeVisible();
  await expect(ed.getByTestId("approval-panel").getByTestId("approval-state")).toHaveText("In review");

  // The admin sees what changed and approves; the held post goes out.
  await page.reload();
  await expect(page.getByTestId("diff").last()).toContainText("We launch on Monday at 9:00.");
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByText(/Approved; 1 held post released/)).toBeVisible();
  await expect(page.getByTestId("approval-state")).toHaveText("Approved");
  await expect.poll(status, { timeout: 15_000 }).toBe("published");

  // Both screens again in the dark theme.
  await context.addCookies([{ name: "theme", value: "dark", url: baseURL! }]);
  for (const path of ["/approvals?status=all", `/approvals/${content.id}`]) {
    await page.goto(path);
    await expect(page.locator("html")).toHaveClass(/dark/);
    await expect(page.locator("main h1").first()).toBeVisible();
    expect(await seriousViolations(page), path).toEqual([]);
  }
  await editor.ctx.close();
});

test("content that is never approved is not published when due, and its schedule says why", async ({ page, baseURL }, info) => {
  test.setTimeout(120_000);
  await signUp(page, person(info, "strict"));
  const patch = await page.request.patch("/api/v1/workspace", { data: { approval_policy: "required_for_all" }, headers: { origin: baseURL! } });
  expect(patch.status()).toBe(200);
  const api = (path: string, data: unknown) => page.request.post(path, { data, headers: { origin: baseURL! } });
  const account = await (await api("/api/v1/platform-accounts", { platform: "sandbox", name: "Sandbox" })).json();
  const content = await (await api("/api/v1/content", { title: "Unreviewed", content: "Should wait" })).json();
  const made = await (
    await api("/api/v1/schedules", {
      content_item_id: content.id,
      platform_account_ids: [account.id],
      scheduled_time: new Date(Date.now() + 1500).toISOString(),
      timezone: "UTC",
    })
  ).json();
  const id = made.schedules[0].id as string;
  await expect.poll(async () => (await (await page.request.get(`/api/v1/schedules/${id}`)).json()).publish_status, { timeout: 15_000 }).toBe("paused");
  const row = await (await page.request.get(`/api/v1/schedules/${id}`)).json();
  expect(row).toMatchObject({ error_code: "awaiting_approval", error_message: expect.stringMatching(/requires approval/) });
  await page.goto(`/content/${content.id}`);
  await expect(page.getByTestId("approval-panel")).toContainText("Required before anything is published");
});

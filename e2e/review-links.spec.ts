import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, guardContext, test } from "./fixtures";
import { joinAs, nextMonthDay, person, signUp, transitionsDone } from "./helpers";

async function seriousViolations(page: Page) {
  await transitionsDone(page);
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`).join("; ")})`);
}

async function noHorizontalOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
}

test("an editor shares a week of posts; a client without an account approves them by name; the editor sees the decisions", async ({
  page,
  browser,
  baseURL,
}, info) => {
  test.setTimeout(180_000);
  await signUp(page, person(info, "owner"));
  // The admin lets review links approve.
  await page.goto("/settings/approvals");
  await page.getByLabel(/Let review links approve/).check();
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Approval policy saved")).toBeVisible();
  const account = await (
    await page.request.post("/api/v1/platform-accounts", { data: { platform: "sandbox", name: "Client account" }, headers: { origin: baseURL! } })
  ).json();

  const editor = await joinAs(page, browser, info, "editor");
  const ed = editor.page;
  const api = async (path: string, data: unknown) => {
    const r = await ed.request.post(path, { data, headers: { origin: baseURL! } });
    expect(r.status(), `${path}: ${await r.text()}`).toBeLessThan(300);
    return r.json();
  };
  // Two posts in the week, submitted for approval; one the week after, which the link leaves out.
  const week = { start: nextMonthDay(9), end: nextMonthDay(15) };
  const posts = [
    { title: "Monday teaser", day: nextMonthDay(10) },
    { title: "Friday launch", day: nextMonthDay(13) },
    { title: "Next week recap", day: nextMonthDay(17) },
  ];
  for (const p of posts) {
    const c = await api("/api/v1/content", { title: p.title, content: `${p.title}: words for the client.` });
    await api("/api/v1/schedules", { content_item_id: c.id, platform_account_ids: [account.id], scheduled_time: `${p.day}T12:00:00Z`, timezone: "UTC" });
    await api(`/api/v1/content/${c.id}/submit`, {});
  }

  await ed.goto("/settings/review-links");
  await ed.getByLabel("From", { exact: true }).fill(week.start);
  await ed.getByLabel("To", { exact: true }).fill(week.end);
  await ed.getByLabel("Label (optional)").fill("Client week");
  const make = ed.getByRole("button", { name: "Make review link" });
  await make.click();
  const url = await ed.getByLabel("New review link").inputValue();
  expect(url).toMatch(/\/review\/rvw_/);
  // Buttons fade back from their disabled look (150 ms): axe mid-fade reads a paler text.
  await expect(make).toHaveCSS("opacity", "1");
  await noHorizontalOverflow(ed);
  expect(await seriousViolations(ed)).toEqual([]);

  // A fresh browser without a session opens the link.
  const guest = await guardContext(
    await browser.newContext({ viewport: page.viewportSize() ?? undefined, isMobile: info.project.use.isMobile, hasTouch: info.project.use.hasTouch }),
  );
  const client = await guest.newPage();
  await client.goto(new URL(url).pathname);
  await expect(client.getByRole("heading", { name: "Client week", level: 1 })).toBeVisible();
  const zone = await client.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  await expect(client.getByText(/Times are shown in your time zone: /)).toContainText(zone);
  const items = client.getByTestId("review-item");
  await expect(items).toHaveCount(2);
  await expect(items.nth(0).getByRole("heading")).toHaveText("Monday teaser");
  await expect(items.nth(0).getByRole("figure", { name: "Preview on Sandbox" })).toContainText("Monday teaser: words for the client.");
  await noHorizontalOverflow(client);
  expect(await seriousViolations(client)).toEqual([]);

  // Deciding needs a name.
  await items.nth(0).getByRole("button", { name: "Approve" }).click();
  await expect(items.nth(0).getByRole("alert")).toContainText("Enter your name");
  await client.getByLabel("Your name (required)").fill("Cleo Client");
  for (const i of [0, 1]) {
    await items
      .nth(i)
      .getByLabel(/Comment/)
      .fill(`Fine by me (${i + 1})`);
    await items.nth(i).getByRole("button", { name: "Approve" }).click();
    await expect(items.nth(i).getByTestId("review-decided")).toContainText("Approved by Cleo Client");
  }
  // Reloaded, the decisions stand and cannot be given again.
  await client.reload();
  await expect(client.getByTestId("review-decided")).toHaveCount(2);
  await expect(client.getByRole("button", { name: "Approve" })).toHaveCount(0);

  // The editor sees both decisions, counted as approvals.
  await ed.reload();
  const link = ed.getByTestId("review-link").first();
  await expect(link.getByTestId("review-decision")).toHaveCount(2);
  await expect(link.getByTestId("review-decision").first()).toContainText("Cleo Client approved");
  await expect(link.getByTestId("review-decision").first()).toContainText("approval counted");
  const state = await (await ed.request.get("/api/v1/approvals?status=approved")).json();
  expect(state.items.map((i: { title: string }) => i.title).sort()).toEqual(["Friday launch", "Monday teaser"]);

  // Revoked, the page says so.
  ed.once("dialog", (d) => d.accept());
  await link.getByRole("button", { name: /Revoke/ }).click();
  await expect(link.getByTestId("review-link-status")).toHaveText("Revoked");
  await client.reload();
  await expect(client.getByRole("heading", { name: "This review link no longer works" })).toBeVisible();
  await guest.close();
});

import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO_PASSWORD } from "../playwright.config";
import { navigate, person, signIn, signUp } from "./helpers";

// Each test renders the whole report and runs axe twice on a machine shared with other builds.
test.slow();

/** Serious or critical axe findings on the page, in the current theme. */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Axe in the light theme, then in the dark one (the theme cookie the toggle writes). */
async function checkBothThemes(page: Page, baseURL: string) {
  expect(await seriousViolations(page)).toEqual([]);
  await page.context().addCookies([{ name: "theme", value: "dark", url: baseURL }]);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  expect(await seriousViolations(page)).toEqual([]);
  await page.context().addCookies([{ name: "theme", value: "light", url: baseURL }]);
}

async function noPageOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

test("a post published by the runner shows up in the charts; the range is in the URL; a dataset exports as CSV", async ({ page, baseURL }, info) => {
  await signUp(page, person(info, "analytics"));
  const api = (path: string, data: unknown) => page.request.post(path, { data, headers: { origin: baseURL! } });
  const account = await api("/api/v1/platform-accounts", { platform: "sandbox", name: "Sandbox" });
  expect(account.status()).toBe(201);
  const content = await api("/api/v1/content", { title: "Charted post", content: "Counted by the analytics screen", content_type: "thread" });
  expect(content.status()).toBe(201);
  const made = await api("/api/v1/schedules", {
    content_item_id: (await content.json()).id,
    platform_account_ids: [(await account.json()).id],
    scheduled_time: new Date(Date.now() + 2000).toISOString(),
    timezone: "UTC",
  });
  expect(made.status()).toBe(201);
  const scheduleId = (await made.json()).schedules[0].id as string;
  await expect
    .poll(async () => (await (await page.request.get(`/api/v1/schedules/${scheduleId}`)).json()).publish_status, { timeout: 15_000 })
    .toBe("published");

  await navigate(page, "Analytics");
  await expect(page.getByRole("heading", { name: "Analytics", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Last 30 days" })).toHaveAttribute("aria-current", "true");
  await expect(page.getByTestId("analytics-empty")).toHaveCount(0);
  await expect(page.getByTestId("summary-published")).toHaveText("1");
  await expect(page.getByTestId("summary-success")).toHaveText("100%");
  // Drawn charts: bars for the attempt and for the platform, a line for the latency.
  await expect(page.getByTestId("chart-success").locator("svg .recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("chart-platforms").locator("svg .recharts-bar-rectangle")).toHaveCount(1);
  await expect(page.getByTestId("chart-content-types")).toHaveAttribute("aria-label", "Posts by content type: thread 1.");
  await expect(page.getByTestId("chart-latency").locator("svg .recharts-line")).toHaveCount(3);
  await expect(page.getByTestId("heatmap-published").locator("[data-filled]")).toHaveCount(1);
  // Engagement is measured an hour after publishing: those charts say so instead.
  await expect(page.getByTestId("dataset-engagement_platforms")).toContainText("No engagement measured yet");
  // The table behind a chart.
  const platforms = page.getByTestId("dataset-platforms");
  await platforms.getByText("Show the data as a table").click();
  await expect(platforms.getByRole("table")).toContainText("Sandbox");
  await noPageOverflow(page);

  // The CSV of one dataset: its header and today's row.
  const today = new Date().toISOString().slice(0, 10);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV of publish success rate" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^analytics-success-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = fs
    .readFileSync((await download.path())!, "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toBe("day,attempts,succeeded,failed,success_rate");
  expect(lines).toHaveLength(31);
  expect(lines).toContain(`${today},1,1,0,1`);
  const bad = await page.request.get("/analytics/export?dataset=nope");
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain("dataset must be one of");

  // Presets and the custom range write the URL, and the page follows it.
  await page.getByRole("link", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/\/analytics\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByRole("link", { name: "Last 7 days" })).toHaveAttribute("aria-current", "true");
  await expect(page.getByTestId("dataset-success").getByRole("table", { includeHidden: true }).locator("tbody tr")).toHaveCount(7);
  const custom = page.getByRole("form", { name: "Custom range" });
  await custom.getByLabel("From", { exact: true }).fill("2020-01-01");
  await custom.getByLabel("To", { exact: true }).fill("2020-01-31");
  await custom.getByRole("button", { name: "Show range" }).click();
  await expect(page).toHaveURL(/\/analytics\?from=2020-01-01&to=2020-01-31$/);
  await expect(page.getByTestId("analytics-empty")).toContainText("Nothing published in this range yet —");
  await expect(page.getByText("Jan 1 – 31, 2020", { exact: false })).toBeVisible();
  // A reversed range is refused with a note, and the default range is shown.
  await page.goto("/analytics?from=2020-02-01&to=2020-01-01");
  await expect(page.getByTestId("range-note")).toContainText("from (2020-02-01) is after to (2020-01-01)");
  await expect(page.getByTestId("summary-published")).toHaveText("1");

  await page.goto("/analytics");
  await expect(page.getByTestId("chart-success").locator("svg .recharts-bar-rectangle").first()).toBeVisible();
  await checkBothThemes(page, baseURL!);
});

test("the demo workspace's measured posts fill the engagement charts and the best-time heatmap", async ({ page, baseURL }) => {
  await signIn(page, "admin@example.com", DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.goto("/analytics");
  await expect(page.getByTestId("chart-engagement-platforms").locator("svg .recharts-bar-rectangle")).toHaveCount(1);
  await expect(page.getByTestId("chart-engagement-daily").locator("svg .recharts-bar-rectangle").first()).toBeVisible();
  expect(await page.getByTestId("heatmap-best-time").locator("[data-filled]").count()).toBeGreaterThan(0);
  await expect(page.getByTestId("chart-errors").locator("svg .recharts-bar-rectangle")).toHaveCount(1);
  await noPageOverflow(page);
  await checkBothThemes(page, baseURL!);
});

test("an empty workspace shows what to do instead of charts", async ({ page, baseURL }, info) => {
  await signUp(page, person(info, "analytics-empty"));
  await page.goto("/analytics");
  await expect(page.getByTestId("analytics-empty")).toContainText("Nothing published in this range yet —");
  await expect(page.getByTestId("chart-success")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Go to content" })).toBeVisible();
  await noPageOverflow(page);
  await checkBothThemes(page, baseURL!);
});

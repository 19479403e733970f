import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { person, signUp, themeInPlace } from "./helpers";

/** Serious and critical axe findings of the page's main content, in both themes. */
async function axeFindings(page: Page) {
  const found: string[] = [];
  for (const theme of ["light", "dark"] as const) {
    await themeInPlace(page, theme);
    const axe = await new AxeBuilder({ page }).include("main").withTags(["wcag2a", "wcag2aa"]).analyze();
    found.push(...axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${theme}: ${v.id}`));
  }
  await themeInPlace(page, "light");
  return found;
}

test("a trial of posting times: started from Analytics, posts dealt to its arms, stopped and an arm adopted as posting slots", async ({
  page,
  baseURL,
}, info) => {
  test.skip(info.project.name !== "desktop", "one run at desktop size is enough; the page is checked at 375 px below");
  await signUp(page, person(info, "trials"));
  const headers = { origin: baseURL! };
  const account = await page.request.post("/api/v1/platform-accounts", { data: { platform: "sandbox", name: "Trial playground" }, headers });
  expect(account.status()).toBe(201);
  const accountId = (await account.json()).id as string;

  await page.goto("/analytics");
  await page.getByRole("link", { name: "Trials of posting times" }).click();
  await expect(page.getByRole("heading", { name: "Trials of posting times" })).toBeVisible();
  await expect(page.getByText("No trials yet.")).toBeVisible();
  expect(await axeFindings(page)).toEqual([]);

  const form = page.getByRole("form", { name: "New trial" });
  await form.getByLabel("Trial name").fill("Model or mornings");
  await form.getByLabel("Runs on").selectOption({ label: "Trial playground (Sandbox)" });
  await form.getByLabel("Hypothesis (optional)").fill("The learned times beat fixed mornings");
  await expect(form.getByTestId("arm")).toHaveCount(2);
  await form.getByLabel("Arm 2 name").fill("Weekday mornings");
  await form.getByLabel("Arm 2 times (HH:mm, comma-separated)").fill("09:00, 11:30");
  // A bad value is refused with the field named, and nothing is created.
  await form.getByLabel("Stop after this many measured posts per arm").fill("1");
  await form.getByRole("button", { name: "Start trial" }).click();
  await expect(form.getByTestId("form-error")).toContainText("Posts per arm: must be at least 2");
  await form.getByLabel("Stop after this many measured posts per arm").fill("4");
  await form.getByRole("button", { name: "Start trial" }).click();

  await expect(page).toHaveURL(/\/analytics\/trials\/[0-9a-f-]{36}$/);
  const trialId = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { name: "Model or mornings" })).toBeVisible();
  const rows = page.getByTestId("arm-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("Learned best times");
  await expect(rows.nth(1)).toContainText("Weekday mornings");
  await expect(rows.nth(1)).toContainText("Fixed weekly slots");
  await expect(page.getByTestId("verdict")).toHaveText("No verdict yet: it comes once the stop rule is met.");
  await expect(page.getByText("4 measured posts per arm (fewest so far: 0)")).toBeVisible();

  // Two posts queued through the API: one to each arm.
  for (const title of ["First", "Second"]) {
    const item = await page.request.post("/api/v1/content", { data: { title, content: `${title} trial post` }, headers });
    const queued = await page.request.post(`/api/v1/content/${(await item.json()).id}/queue`, { data: { platform_account_ids: [accountId] }, headers });
    expect(queued.status()).toBe(201);
  }
  await page.reload();
  await expect(rows.nth(0).locator("td").nth(1)).toHaveText("1");
  await expect(rows.nth(1).locator("td").nth(1)).toHaveText("1");
  expect(await axeFindings(page)).toEqual([]);

  // A phone-wide window: the page fits without sideways scrolling.
  await page.setViewportSize({ width: 375, height: 740 });
  await expect(page.getByRole("heading", { name: "Model or mornings" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 800 });

  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Stop trial" }).click();
  await expect(page.getByText("Stopped", { exact: true })).toBeVisible();
  await expect(page.getByTestId("verdict")).toHaveText("Stopped before its stop rule was met: no verdict.");

  await page.getByLabel("Arm to adopt").selectOption({ label: "Weekday mornings" });
  page.once("dialog", (d) => {
    expect(d.message()).toContain("is not the trial's winner");
    void d.accept();
  });
  await page.getByRole("button", { name: "Adopt as posting slots" }).click();
  await expect(page.getByText("Adopted: Weekday mornings")).toBeVisible();
  const slots = await (await page.request.get(`/api/v1/platform-accounts/${accountId}/slots`)).json();
  expect(slots.slots).toEqual([{ days: [1, 2, 3, 4, 5], times: ["09:00", "11:30"] }]);
  const trial = await (await page.request.get(`/api/v1/trials/${trialId}`)).json();
  expect([trial.status, trial.adopted_arm]).toEqual(["stopped", "b"]);
});

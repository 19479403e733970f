import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { person, signUp } from "./helpers";

async function axeClean(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`),
  ).toEqual([]);
}

async function noSideways(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

test("an admin bans a word and requires alt text; the composer's check lists both; the screen is axe-clean in both themes", async ({
  page,
  baseURL,
  context,
}, info) => {
  await signUp(page, person(info, "gates"));

  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Quality gates" }).click();
  await expect(page.getByRole("heading", { name: "Banned words and phrases" })).toBeVisible();
  await axeClean(page);
  await noSideways(page);

  const save = page.getByRole("button", { name: "Save rules" });
  await expect(save).toBeDisabled();
  const banned = page.getByTestId("gate-banned-words");
  await banned.getByRole("checkbox", { name: /On/ }).check();
  // Empty and duplicate entries are refused with a message, and nothing is added.
  await banned.getByRole("button", { name: "Add" }).click();
  await expect(banned.getByRole("alert")).toHaveText("Type a word or phrase to add.");
  await banned.getByLabel("Word or phrase to ban").fill("synergy");
  await banned.getByLabel("Word or phrase to ban").press("Enter");
  await expect(banned.getByRole("list", { name: "Banned words and phrases" }).getByRole("listitem")).toHaveCount(1);
  await banned.getByLabel("Word or phrase to ban").fill("SYNERGY");
  await banned.getByRole("button", { name: "Add" }).click();
  await expect(banned.getByRole("alert")).toHaveText("“SYNERGY” is already on the list.");
  await expect(banned.getByRole("list", { name: "Banned words and phrases" }).getByRole("listitem")).toHaveCount(1);
  await banned.getByLabel("Word or phrase to ban").fill("");

  await page.getByTestId("gate-alt-text").getByRole("checkbox", { name: /On/ }).check();
  await save.click();
  await expect(page.getByRole("status").filter({ hasText: "Quality gates saved" })).toBeVisible();
  await expect(save).toBeDisabled();

  // Kept after a reload, and axe-clean in the dark theme too.
  await context.addCookies([{ name: "theme", value: "dark", url: baseURL! }]);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await expect(page.getByTestId("gate-banned-words").getByRole("listitem").filter({ hasText: "synergy" })).toBeVisible();
  await expect(page.getByTestId("gate-alt-text").getByRole("checkbox", { name: /On/ })).toBeChecked();
  await axeClean(page);
  await noSideways(page);

  // The composer's check lists both, before anything is saved.
  await page.goto("/content/new");
  await page.getByLabel("Title").fill("Team news");
  await page.getByLabel("Body").fill("Pure Synergy, every day");
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
  await page.getByLabel(/^Media/).setInputFiles({ name: "dot.png", mimeType: "image/png", buffer: png });
  await expect(page.getByRole("list", { name: "Attached media" }).getByRole("img", { name: "dot.png" })).toBeVisible();
  const panel = page.getByRole("region", { name: "Check", exact: true });
  await panel.getByRole("button", { name: "Run checks" }).click();
  await expect(panel.getByRole("status")).toHaveText("2 errors");
  await expect(panel.getByRole("region", { name: "Banned words and phrases" })).toContainText("“Synergy” in the text is on the workspace's banned list");
  await expect(panel.getByRole("region", { name: "Alt text on images" })).toContainText("Image “dot.png” has no alt text");
  await noSideways(page);

  // Fixing the text leaves only the alt text; the panel says the check is stale until run again.
  await page.getByLabel("Body").fill("Pure teamwork, every day");
  await expect(panel.getByText("You changed the post since this check: run it again.")).toBeVisible();
  await panel.getByRole("button", { name: "Run checks" }).click();
  await expect(panel.getByRole("status")).toHaveText("1 error");
  await expect(panel.getByRole("region", { name: "Banned words and phrases" })).toHaveCount(0);
  await expect(panel.getByRole("region", { name: "Alt text on images" })).toBeVisible();
  await axeClean(page);
});

import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, guardContext, test } from "./fixtures";
import { parseCsvText } from "../lib/csv";
import { person, signUp, themeInPlace } from "./helpers";

const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const csv = (lines: string[]) => ({ name: "posts.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n") + "\n") });
const HEADER = "title,content,platforms,date,time,timezone,tags";

/** Axe in one theme, switched in place (the class the theme toggle sets), so open panels stay open. */
async function axe(page: Page, theme: "light" | "dark") {
  await themeInPlace(page, theme);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const titles = (page: Page) => page.getByTestId("content-title").allInnerTexts();

async function sandbox(page: Page, baseURL: string) {
  const made = await page.request.post("/api/v1/platform-accounts", { data: { platform: "sandbox", name: "Sandbox" }, headers: { origin: baseURL } });
  expect(made.status()).toBe(201);
  return (await made.json()).id as string;
}

test("CSV import: a bad row is named in the dry run and nothing is created; a clean file imports with its bar reaching 100%", async ({
  page,
  baseURL,
}, info) => {
  test.slow(); // four axe passes and two imports on a shared two-core machine
  await signUp(page, person(info, "import"));
  await sandbox(page, baseURL!);

  // The / shortcut from another page opens the list with its search box focused.
  await page.keyboard.press("/");
  await expect(page).toHaveURL(/\/content\?focus=search$/);
  await expect(page.getByRole("searchbox", { name: "Search" })).toBeFocused();
  await expect(page.getByTestId("content-empty")).toContainText("No content yet");
  await axe(page, "light");
  await axe(page, "dark");

  // A file with one bad row: the check names that row and its problem, and nothing is created.
  await page.getByRole("link", { name: "Import a CSV file" }).click();
  const wizard = page.getByRole("region", { name: "Import posts from a CSV file" });
  await wizard
    .getByLabel("CSV file")
    .setInputFiles(csv([HEADER, `Good row,Hello,sandbox,${day(5)},09:00,UTC,launch`, `Bad row,Hi,sandbox,${day(6)},25:00,UTC,`]));
  await wizard.getByRole("button", { name: "Check file" }).click();
  await expect(wizard.getByTestId("import-summary")).toContainText("1 ready (1 schedule), 1 row with errors");
  const bad = wizard.getByTestId("import-error-row");
  await expect(bad).toHaveCount(1);
  await expect(bad.locator("td").first()).toHaveText("3");
  await expect(bad).toContainText('"25:00" is not a time (HH:mm)');
  await expect(wizard.getByRole("button", { name: /^Import \d/ })).toHaveCount(0);
  await expect(wizard).toContainText("Nothing was imported");
  await axe(page, "light");
  await axe(page, "dark");
  expect((await (await page.request.get("/api/v1/content")).json()).total).toBe(0);
  await page.goto("/content");
  await expect(page.getByTestId("content-empty")).toBeVisible();

  // A clean file: checked, then imported slice by slice until the bar reads 100%.
  await page.getByRole("button", { name: "Import CSV" }).click();
  await wizard
    .getByLabel("CSV file")
    .setInputFiles(
      csv([
        HEADER,
        `Alpha launch,Big news today,sandbox,${day(5)},09:00,UTC,launch`,
        `Beta notes,"Some notes, with a comma",,,,,notes`,
        `Gamma update,Small update,,,,,notes;launch`,
      ]),
    );
  await wizard.getByRole("button", { name: "Check file" }).click();
  await expect(wizard.getByTestId("import-summary")).toContainText("3 ready (1 schedule), 0 rows with errors");
  await wizard.getByRole("button", { name: "Import 3 posts" }).click();
  await expect(wizard.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await expect(wizard.getByTestId("import-summary")).toContainText("Imported 3 posts and 1 schedule");
  await expect(page.getByTestId("toast").filter({ hasText: "Imported 3 posts" })).toBeVisible();
  await expect(page.getByTestId("content-row")).toHaveCount(3);
  expect((await titles(page)).sort()).toEqual(["Alpha launch", "Beta notes", "Gamma update"]);
  await expect(page.getByTestId("content-row").filter({ hasText: "Alpha launch" })).toContainText("scheduled");
  await wizard.getByRole("button", { name: "Close" }).click();
  await expect(wizard).toHaveCount(0);
});

test("search, a status filter and sorting change the rows; the export matches them; bulk archive, restore and schedule report each item", async ({
  page,
  baseURL,
}, info) => {
  test.slow(); // a long walk through the list: four axe passes, an export and four bulk actions
  await signUp(page, person(info, "content"));
  const account = await sandbox(page, baseURL!);
  const api = async (path: string, data: unknown) => {
    const r = await page.request.post(path, { data, headers: { origin: baseURL! } });
    expect(r.status()).toBe(201);
    return r.json();
  };
  const alpha = await api("/api/v1/content", { title: "Alpha launch", content: "Big news today", tags: ["launch"] });
  await api("/api/v1/schedules", { content_item_id: alpha.id, platform_account_ids: [account], scheduled_time: `${day(5)}T09:00`, timezone: "UTC" });
  await api("/api/v1/content", { title: "Beta notes", content: "Some notes, with a comma", tags: ["notes"] });
  await api("/api/v1/content", { title: "Gamma update", content: "Small update", tags: ["notes", "launch"] });
  await page.goto("/content");
  await expect(page.getByTestId("content-row")).toHaveCount(3);

  // Search, a status filter and sorting each change the rows.
  const filters = page.getByRole("search", { name: "Search and filter content" });
  await filters.getByLabel("Search").fill("notes");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("content-row")).toHaveCount(1);
  expect(await titles(page)).toEqual(["Beta notes"]);
  await filters.getByLabel("Search").fill("");
  await filters.getByLabel("Status").selectOption("scheduled");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=scheduled/);
  await expect(page.getByTestId("content-row")).toHaveCount(1);
  expect(await titles(page)).toEqual(["Alpha launch"]);
  await filters.getByLabel("Status").selectOption("");
  await filters.getByLabel("Sort").selectOption("-title");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/sort=-title/);
  await expect(page.getByTestId("content-row")).toHaveCount(3);
  expect(await titles(page)).toEqual(["Gamma update", "Beta notes", "Alpha launch"]);
  await page.getByRole("link", { name: /^Title/ }).click();
  await expect(page).toHaveURL(/sort=title/);
  await expect(page.getByTestId("content-title").first()).toHaveText("Alpha launch");
  expect(await titles(page)).toEqual(["Alpha launch", "Beta notes", "Gamma update"]);

  // The export is the list as shown: same rows, same order.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const [header, ...rows] = parseCsvText(await readFile(file, "utf8")).map((r) => r.record);
  const t = header!.indexOf("title");
  expect(rows.map((r) => r[t])).toEqual(await titles(page));
  expect(rows.map((r) => r[header!.indexOf("status")])).toEqual(["scheduled", "draft", "draft"]);

  // Bulk: archive two; then restore two, of which one is not archived and is refused with the reason.
  await page.getByRole("checkbox", { name: "Select Beta notes" }).check();
  await page.getByRole("checkbox", { name: "Select Gamma update" }).check();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await expect(bar).toContainText("2 selected");
  await bar.getByRole("button", { name: "Archive" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Archived 2 posts." })).toBeVisible();
  await expect(page.getByTestId("content-row").filter({ hasText: "Beta notes" })).toContainText("archived");
  await expect(page.getByTestId("content-row").filter({ hasText: "Gamma update" })).toContainText("archived");
  await expect(page.getByTestId("bulk-bar")).toHaveCount(0);
  await page.getByRole("checkbox", { name: "Select Alpha launch" }).check();
  await page.getByRole("checkbox", { name: "Select Beta notes" }).check();
  await bar.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Restored 1 post; 1 refused." })).toBeVisible();
  await expect(page.getByTestId("bulk-summary")).toContainText("Alpha launch: Only archived content can be restored.");
  await expect(page.getByTestId("content-row").filter({ hasText: "Beta notes" })).toContainText("draft");
  await expect(page.getByTestId("content-row").filter({ hasText: "Alpha launch" })).toContainText("scheduled");

  // Schedule on a pattern: all or none, so the archived one stops both and is named; then the draft alone goes.
  await bar.getByRole("button", { name: "Clear selection" }).click();
  await page.getByRole("checkbox", { name: "Select Beta notes" }).check();
  await page.getByRole("checkbox", { name: "Select Gamma update" }).check();
  await bar.getByRole("button", { name: "Schedule…", exact: true }).click();
  const plan = bar.getByRole("form", { name: "Schedule the selected posts" });
  await plan.getByLabel("From").fill(day(10));
  await plan.getByLabel("To").fill(day(20));
  await plan.getByLabel("Time zone").fill("UTC");
  await plan.getByRole("button", { name: "Schedule 2 posts" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Nothing was scheduled: 1 of 2 refused." })).toBeVisible();
  await expect(page.getByTestId("bulk-summary")).toContainText("Gamma update:");
  await expect(page.getByTestId("content-row").filter({ hasText: "Beta notes" })).toContainText("draft");
  await page.getByRole("checkbox", { name: "Select Gamma update" }).uncheck();
  await bar.getByRole("button", { name: "Schedule…", exact: true }).click();
  await plan.getByLabel("From").fill(day(10));
  await plan.getByLabel("To").fill(day(20));
  await plan.getByRole("button", { name: "Schedule 1 post" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Scheduled 1 post; 1 schedule made." })).toBeVisible();
  await expect(page.getByTestId("content-row").filter({ hasText: "Beta notes" })).toContainText("scheduled");

  await axe(page, "light");
  await axe(page, "dark");
  // Nothing overflows the page at 375 px: the table scrolls inside its own box.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

test("a viewer sees the list but no bulk, import or edit controls", async ({ page, browser, baseURL }, info) => {
  const admin = person(info, "cadmin");
  const viewer = person(info, "cviewer");
  await signUp(page, admin);
  expect((await page.request.post("/api/v1/content", { data: { title: "Shared post", content: "Hello team" }, headers: { origin: baseURL! } })).status()).toBe(
    201,
  );
  await page.goto("/settings/team");
  await page.getByLabel("Email").fill(viewer.email);
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Invite" }).click();
  const link = await page.getByLabel("Invite link").inputValue();

  const ctx = await guardContext(await browser.newContext({ viewport: page.viewportSize() ?? undefined }));
  const theirs = await ctx.newPage();
  const invitePath = new URL(link).pathname + new URL(link).search;
  await signUp(theirs, viewer, invitePath);
  await theirs.goto("/content");
  await expect(theirs.getByTestId("content-row")).toHaveCount(1);
  await expect(theirs.getByTestId("content-row")).toContainText("Shared post");
  await expect(theirs.getByRole("checkbox")).toHaveCount(0);
  await expect(theirs.getByRole("button", { name: "Import CSV" })).toHaveCount(0);
  await expect(theirs.getByRole("link", { name: "New post" })).toHaveCount(0);
  await expect(theirs.getByRole("button", { name: "Export CSV" })).toBeVisible();
  // ?import=1 does not open the wizard for a viewer either.
  await theirs.goto("/content?import=1");
  await expect(theirs.getByRole("region", { name: "Import posts from a CSV file" })).toHaveCount(0);
  await ctx.close();
});

import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, guardContext, test } from "./fixtures";
import { navigate, person, signUp } from "./helpers";
import { createXFake } from "../adapters/fakes/x";

// Accounts are checked with their platform when added: X main talks to a loopback X.
const xApi = createXFake({ token: "e2e-token" });
test.beforeAll(async () => void (await xApi.start()));
test.afterAll(async () => xApi.close());

const post = (page: Page, baseURL: string, path: string, data: unknown) => page.request.post(path, { data, headers: { origin: baseURL } });

test("compose for two accounts with live counters and an inline over-limit error, schedule in a zone, reopen; a viewer sees no edit controls", async ({
  page,
  baseURL,
  browser,
}, info) => {
  const owner = person(info, "composer");
  await signUp(page, owner);
  for (const [name, platform, credentials] of [
    ["Sandbox A", "sandbox", {}],
    ["Sandbox B", "sandbox", {}],
    ["X main", "x", { access_token: "e2e-token" }],
  ] as const) {
    const config = platform === "x" ? { api_base_url: xApi.url } : {};
    expect((await post(page, baseURL!, "/api/v1/platform-accounts", { platform, name, config, credentials })).status()).toBe(201);
  }

  await page.goto("/content/new");
  await expect(page.getByRole("heading", { name: "New content" })).toBeVisible();
  await page.getByLabel("Title").fill("Spring launch");
  await page.getByLabel("Body").fill("Hello from the composer");
  await page.getByRole("checkbox", { name: /Sandbox A/ }).check();
  await page.getByRole("checkbox", { name: /X main/ }).check();

  // Live counters under each platform's own rule and limit.
  await expect(page.getByTestId("counter-x")).toHaveText(/: 23 \/ 280$/);
  await expect(page.getByTestId("counter-sandbox")).toHaveText(/: 23 \/ 10,000$/);
  await page.getByLabel("Body").fill(`${"a".repeat(290)} https://example.com/a/very/long/path`);
  await expect(page.getByTestId("counter-x")).toHaveText(/: 314 \/ 280$/);
  await expect(page.getByTestId("issues-x")).toContainText("X allows 280 characters per post");
  await expect(page.getByTestId("issues-sandbox")).toHaveCount(0);
  await expect(page.getByRole("figure", { name: "Preview on X" })).toContainText("https://example.com/a/very/long/path");

  // Scheduling is refused while a platform has an error, and nothing is saved.
  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Fix what is marked under X" })).toBeVisible();
  await expect(page).toHaveURL(/\/content\/new$/);

  await page.getByRole("checkbox", { name: /X main/ }).uncheck();
  await page.getByRole("checkbox", { name: /Sandbox B/ }).check();
  await page.getByLabel("Body").fill("Scheduled from the composer");
  await expect(page.getByTestId("counter-sandbox")).toHaveText(/: 27 \/ 10,000$/);
  await page.getByLabel("Date").fill("2031-05-04");
  await page.getByLabel("Time", { exact: true }).fill("09:30");
  await page.getByLabel("Time zone").selectOption("Europe/Berlin");
  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(page).toHaveURL(/\/content\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("status").filter({ hasText: "Scheduled 2 posts" })).toBeVisible();
  const url = page.url();

  // Reopened: the schedule is shown in the person's zone (UTC here), with its own zone's wall time beside it, on both accounts.
  await page.goto(url);
  const list = page.getByTestId("schedule-list");
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(list.getByRole("listitem").first()).toContainText("May 4, 2031, 7:30 AM (9:30 AM Europe/Berlin)");
  await expect(list).toContainText("Sandbox A");
  await expect(list).toContainText("Sandbox B");
  await expect(page.getByLabel("Title")).toHaveValue("Spring launch");
  await expect(page.getByLabel("Date")).toHaveValue("2031-05-04");
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Berlin");

  // A viewer opens the same content: read-only, no edit controls.
  const viewer = person(info, "viewer");
  await navigate(page, "Settings");
  await page.getByLabel("Email").fill(viewer.email);
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Invite" }).click();
  const link = new URL(await page.getByLabel("Invite link").inputValue());
  const other = await guardContext(await browser.newContext({ viewport: page.viewportSize() ?? undefined, isMobile: info.project.name === "mobile" }));
  const theirs = await other.newPage();
  await signUp(theirs, viewer, link.pathname + link.search);
  await theirs.goto(new URL(url).pathname);
  await expect(theirs.getByRole("heading", { name: "Spring launch" })).toBeVisible();
  await expect(theirs.getByText("viewers cannot change it")).toBeVisible();
  await expect(theirs.getByText("Scheduled from the composer")).toBeVisible();
  await expect(theirs.getByTestId("schedule-list")).toContainText("Europe/Berlin");
  for (const name of ["Save draft", "Schedule", "Publish now"]) await expect(theirs.getByRole("button", { name, exact: true })).toHaveCount(0);
  await expect(theirs.getByRole("main").getByRole("textbox")).toHaveCount(0);
  await expect(theirs.getByRole("main").getByRole("checkbox")).toHaveCount(0);
  await other.close();
});

test("a calendar slot prefills the schedule; bad input is refused inline and saves nothing", async ({ page }, info) => {
  await signUp(page, person(info, "slot"));
  await page.goto(`/content/new?at=${encodeURIComponent("2031-01-15T14:00:00Z")}&zone=America/New_York`);
  await expect(page.getByLabel("Date")).toHaveValue("2031-01-15");
  await expect(page.getByLabel("Time", { exact: true })).toHaveValue("09:00");
  await expect(page.getByLabel("Time zone")).toHaveValue("America/New_York");

  await page.getByLabel("Repeat").selectOption("WEEKLY");
  await page.getByRole("checkbox", { name: "Fri" }).check();
  // A weekly rule on Fridays from a Wednesday: the preview says when the first post really goes out.
  await expect(page.getByTestId("occurrences").getByRole("listitem").first()).toHaveText("Fri, Jan 17, 2031, 9:00 AM");
  await expect(page.getByTestId("occurrences").getByRole("listitem").nth(1)).toHaveText("Fri, Jan 24, 2031, 9:00 AM");
  await expect(page.getByText("The picked day is not in the rule: the first post goes out Fri, Jan 17, 2031, 9:00 AM.")).toBeVisible();
  await page.getByRole("checkbox", { name: "Wed" }).check();
  await expect(page.getByTestId("occurrences").getByRole("listitem").first()).toHaveText("Wed, Jan 15, 2031, 9:00 AM");
  await expect(page.getByText("The picked day is not in the rule")).toHaveCount(0);

  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Title is required.")).toBeVisible();
  await page.getByLabel("Title").fill("Only a draft");
  await page.getByLabel("Body").fill("Draft body #news");
  // Media upload with a preview (a 1×1 PNG).
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
  await page.getByLabel(/^Media/).setInputFiles({ name: "dot.png", mimeType: "image/png", buffer: png });
  await expect(page.getByRole("list", { name: "Attached media" }).getByRole("img", { name: "dot.png" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Attached media" }).getByRole("img", { name: "dot.png" })).toHaveJSProperty("naturalWidth", 1);
  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(page.getByText("Choose at least one account to post to.")).toBeVisible();
  await expect(page).toHaveURL(/\/content\/new/);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/content\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("status").filter({ hasText: "Draft saved" })).toBeVisible();
  await expect(page.getByText("Not scheduled yet.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Attached media" }).getByRole("img", { name: "dot.png" })).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});

test("the composer has no serious or critical axe violations in light and dark", async ({ page, context, baseURL }, info) => {
  await signUp(page, person(info, "axe"));
  await post(page, baseURL!, "/api/v1/platform-accounts", { platform: "sandbox", name: "Sandbox" });
  for (const theme of ["light", "dark"]) {
    await context.addCookies([{ name: "theme", value: theme, url: baseURL! }]);
    await page.goto("/content/new");
    await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark).*$/);
    await page.getByRole("checkbox", { name: /Sandbox/ }).check();
    await page.getByLabel("Body").fill("Checking contrast");
    await page.getByLabel("Repeat").selectOption("WEEKLY");
    await page.getByText("Own text for Sandbox").click();
    await expect(page.getByTestId("counter-sandbox")).toBeVisible();
    await expect(page.getByTestId("occurrences")).toBeVisible();
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${theme}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
});

import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, guardContext, test } from "./fixtures";
import { nextMonthDay, person, signIn, signUp, themeInPlace } from "./helpers";

// A person in Berlin with a German browser.
test.use({ timezoneId: "Europe/Berlin", locale: "de-DE" });

/** JSON API calls with the page's session (the origin header passes the CSRF check). */
function api(page: Page, baseURL: string | undefined) {
  return async (method: "GET" | "POST" | "PUT", path: string, data?: unknown) => {
    const res = await page.request.fetch(path, { method, data, headers: { origin: baseURL! } });
    return { status: res.status(), json: await res.json() };
  };
}

async function seriousViolations(page: Page, include?: string) {
  let b = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  if (include) b = b.include(include);
  const result = await b.analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

test("a new person's browser zone is shown at sign-up and confirmed by signing up; no banner after", async ({ page, baseURL }, info) => {
  await page.goto("/signup");
  await expect(page.getByTestId("signup-zone")).toContainText("Times will show in Europe/Berlin (your browser's zone)");
  await signUp(page, person(info, "berlin"));
  const prefs = await api(page, baseURL)("GET", "/api/v1/me/preferences");
  expect(prefs.json).toMatchObject({ timezone: "Europe/Berlin", locale: null });
  expect(prefs.json.timezone_confirmed_at).toEqual(expect.any(String));
  // The new workspace plans in its creator's zone too.
  const ws = await api(page, baseURL)("GET", "/api/v1/workspace");
  expect(ws.status).toBe(200);
  expect(ws.json.default_timezone).toBe("Europe/Berlin");

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("zone-banner")).toHaveCount(0);
  await page.goto("/settings/preferences");
  await expect(page.getByLabel("Time zone", { exact: true })).toHaveValue("Europe/Berlin");
  await expect(page.getByTestId("zone-banner")).toHaveCount(0);
});

test("a person whose zone was never confirmed is offered the browser's zone once, and one click sets it", async ({ page, browser, baseURL }, info) => {
  // A person from before zones were asked: their browser told nothing at sign-up, so they are on UTC, unconfirmed.
  const p = person(info, "utc");
  await page.addInitScript(() => {
    const original = Intl.DateTimeFormat.prototype.resolvedOptions;
    Intl.DateTimeFormat.prototype.resolvedOptions = function () {
      return { ...original.call(this), timeZone: "" } as Intl.ResolvedDateTimeFormatOptions;
    };
  });
  await signUp(page, p);
  const before = await api(page, baseURL)("GET", "/api/v1/me/preferences");
  expect(before.json).toMatchObject({ timezone: "UTC", timezone_confirmed_at: null });

  // They sign in from Los Angeles.
  const ctx = await guardContext(
    await browser.newContext({
      timezoneId: "America/Los_Angeles",
      locale: "en-US",
      viewport: page.viewportSize() ?? undefined,
      isMobile: info.project.use.isMobile,
      hasTouch: info.project.use.hasTouch,
    }),
  );
  const la = await ctx.newPage();
  await signIn(la, p.email, p.password);
  const banner = la.getByTestId("zone-banner");
  await expect(banner).toContainText("Your browser is in America/Los Angeles; times here show in UTC.");
  for (const theme of ["light", "dark"] as const) {
    await themeInPlace(la, theme);
    expect(await seriousViolations(la, '[data-testid="zone-banner"]'), theme).toEqual([]);
  }
  await themeInPlace(la, "light");
  await banner.getByRole("button", { name: "Use America/Los Angeles" }).click();
  await expect(banner).toHaveCount(0);
  const after = await api(la, baseURL)("GET", "/api/v1/me/preferences");
  expect(after.json.timezone).toBe("America/Los_Angeles");
  expect(after.json.timezone_confirmed_at).toEqual(expect.any(String));
  // Gone for good.
  await la.reload();
  await expect(la.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(la.getByTestId("zone-banner")).toHaveCount(0);
  await ctx.close();
});

test("the locale follows the browser until the person picks one", async ({ page, baseURL }, info) => {
  await signUp(page, person(info, "locale"));
  await page.goto("/settings/preferences");
  const select = page.getByLabel("Date and number format");
  await expect(select.locator("option").first()).toHaveText("Browser language (de-DE)");
  await expect(select).toHaveValue("");
  const saved = page.getByTestId("prefs-saved-at");
  await expect(saved).toHaveText(/^Last saved \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);

  for (const theme of ["light", "dark"] as const) {
    await themeInPlace(page, theme);
    expect(await seriousViolations(page), theme).toEqual([]);
  }
  await themeInPlace(page, "light");

  await select.selectOption("en-GB");
  await expect(page.getByTestId("locale-example")).toHaveText("8 Dec 2026, 18:30");
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByTestId("toast")).toContainText("Preferences saved");
  await expect(page.getByTestId("prefs-saved-at")).toHaveText(/^Last saved \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
  expect((await api(page, baseURL)("GET", "/api/v1/me/preferences")).json.locale).toBe("en-GB");

  // Back to the browser's language.
  await page.getByLabel("Date and number format").selectOption("");
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByTestId("prefs-saved-at")).toHaveText(/^Last saved \d{2}\.\d{2}\.\d{4}/);
  expect((await api(page, baseURL)("GET", "/api/v1/me/preferences")).json.locale).toBeNull();
});

test("a blackout typed as 09:00–10:00 Berlin time is stored as the right instants and refuses a post by naming 09:00 Berlin", async ({
  page,
  baseURL,
}, info) => {
  await signUp(page, person(info, "blackout-zone"));
  const call = api(page, baseURL);
  const day = nextMonthDay(14);
  await page.goto("/settings/blackouts");
  const add = page.getByRole("region", { name: "Add a blackout" });
  await expect(add.getByLabel("Times are in", { exact: true })).toHaveValue("Europe/Berlin");
  await add.getByLabel("Starts").fill(`${day}T09:00`);
  await add.getByLabel("Ends").fill(`${day}T10:00`);
  await add.getByLabel("Reason").fill("Press call");
  await add.getByRole("button", { name: "Add blackout" }).click();
  const row = page.getByTestId("blackout-row");
  await expect(row).toHaveCount(1);
  // German dates and times in the person's zone.
  await expect(row).toContainText(/\d{2}\.\d{2}\.\d{4}, 09:00\s*–\s*10:00/);

  const offset =
    (await page.evaluate((d) => new Date(`${d}T12:00:00Z`).toLocaleString("en-US", { timeZone: "Europe/Berlin", hour: "2-digit", hour12: false }), day)) ===
    "13"
      ? 1
      : 2;
  const list = await call("GET", "/api/v1/blackouts");
  const stored = list.json.items.find((b: { reason: string }) => b.reason === "Press call");
  expect(stored.starts_at).toBe(`${day}T${String(9 - offset).padStart(2, "0")}:00:00.000Z`);
  expect(stored.ends_at).toBe(`${day}T${String(10 - offset).padStart(2, "0")}:00:00.000Z`);

  const account = (await call("POST", "/api/v1/platform-accounts", { platform: "sandbox", name: "Sandbox", config: {}, credentials: {} })).json.id;
  const content = (await call("POST", "/api/v1/content", { title: "During the call", content: "Too early" })).json.id;
  const refused = await call("POST", "/api/v1/schedules", {
    content_item_id: content,
    platform_account_ids: [account],
    scheduled_time: `${day}T09:30`,
    timezone: "Europe/Berlin",
  });
  expect(refused.status).toBe(409);
  expect(refused.json.error.message).toContain("09:00");
  expect(refused.json.error.message).toContain("Europe/Berlin");
  expect(refused.json.error.message).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  // The machine-readable instant stays in the details.
  expect(refused.json.error.details[0].suggested_time).toMatch(/Z$/);
});

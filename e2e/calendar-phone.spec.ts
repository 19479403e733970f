import AxeBuilder from "@axe-core/playwright";
import type { Page, TestInfo } from "@playwright/test";
import { expect, test } from "./fixtures";
import { person, signUp, themeInPlace } from "./helpers";

/*
 * The calendar on every screen: no sideways scrolling at any width, in any view, in any week or
 * month (weeks across two months and years included), with long titles that have no spaces.
 */

const LONG = "Averyveryverylongtitlewithnospacesatallthatwouldneverwrapbyitself_0123456789";
// Weeks and months that used to push a phone's page sideways: two months (and years) in one title.
const DATES = ["2026-12-28", "2027-03-29"];
const VIEWS = ["dayGridMonth", "timeGridWeek", "timeGridDay", "listWeek"];

async function setup(page: Page, baseURL: string) {
  const api = async (path: string, data: unknown, method = "post") => {
    const res = await page.request.fetch(path, { method, data, headers: { origin: baseURL } });
    expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  const account = await api("/api/v1/platform-accounts", { platform: "sandbox", name: "Sandbox with a rather long account name" });
  const post = async (title: string, at: string, zone = "UTC") => {
    const content = await api("/api/v1/content", { title, content: `${title} body` });
    const made = await api("/api/v1/schedules", { content_item_id: content.id, platform_account_ids: [account.id], scheduled_time: at, timezone: zone });
    return made.schedules[0].id as string;
  };
  return { api, accountId: account.id as string, post };
}

/** Nothing wider than the window, and the toolbar's title and buttons inside it. */
async function fits(page: Page, what: string) {
  const m = await page.evaluate(() => {
    const box = (el: Element | null) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    const cal = document.querySelector('[data-testid="calendar"]');
    const title = cal?.querySelector('[role="heading"]') ?? document.querySelector('[data-testid="timeline-title"]');
    const buttons = [...(cal ?? document.querySelector('[aria-label="Timeline by account"]'))!.querySelectorAll("button")].filter(
      (b) => (b as HTMLElement).offsetParent !== null,
    );
    return {
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
      title: box(title),
      buttons: buttons.map((b) => ({ name: b.textContent ?? b.getAttribute("aria-label"), ...box(b)! })),
    };
  });
  expect(m.scroll, `${what}: page ${m.scroll} px wide in a ${m.inner} px window`).toBeLessThanOrEqual(m.inner);
  expect(m.title, `${what}: a title`).not.toBeNull();
  expect(m.title!.left, `${what}: title starts inside`).toBeGreaterThanOrEqual(0);
  expect(m.title!.right, `${what}: title ends inside`).toBeLessThanOrEqual(m.inner);
  expect(m.buttons.length).toBeGreaterThan(0);
  for (const b of m.buttons) {
    expect(b.left, `${what}: button ${b.name} inside`).toBeGreaterThanOrEqual(0);
    expect(b.right, `${what}: button ${b.name} inside`).toBeLessThanOrEqual(m.inner);
  }
}

/**
 * A picture of the screen in the test's own output folder, for a person to look at. The visible
 * screen only: a full-page shot resizes the window, and FullCalendar 7 then throws
 * "Cannot read properties of null (reading 'scrollTo')" when the week view unmounts afterwards.
 */
async function shot(page: Page, info: TestInfo, name: string) {
  await page.screenshot({ path: info.outputPath(`${name}.png`) });
}

test("no view, week or month of the calendar is wider than the screen, long titles included", async ({ page, baseURL }, info) => {
  test.setTimeout(180_000);
  await signUp(page, person(info, "fit"));
  const s = await setup(page, baseURL!);
  for (const day of ["2026-12-29", "2026-12-31", "2027-01-02", "2027-03-30", "2027-04-01"]) {
    await s.post(`${LONG}-${day}`, `${day}T09:00:00Z`);
    await s.post(`Second post on ${day} with an ordinary title`, `${day}T09:15:00Z`);
  }
  for (const view of VIEWS) {
    for (const date of DATES) {
      await page.goto(`/calendar?date=${date}&view=${view}`);
      const cal = page.getByTestId("calendar");
      await expect(cal.locator('[role="heading"]')).toBeVisible();
      await fits(page, `${view} at ${date}`);
      // Walk forward and back: every week or month on the way fits too.
      for (const dir of ["Next", "Next", "Previous", "Previous", "Previous"]) {
        // The address follows each step (a desktop week's title may stay "January 2027"); a step
        // out of the loaded weeks reloads the page's data, and the next step waits for it.
        const url = page.url();
        await cal.getByRole("button", { name: new RegExp(`^${dir}`) }).click();
        await expect.poll(() => page.url()).not.toBe(url);
        await page.waitForLoadState("networkidle");
        await fits(page, `${view} from ${date}, ${dir.toLowerCase()} to ${await cal.locator('[role="heading"]').textContent()}`);
      }
    }
  }
  // The timeline by account: at 1280 px (desktop) and 375 px (phone) alike.
  await page.goto(`/calendar?date=2026-12-28&view=timeline`);
  await expect(page.getByRole("region", { name: "Timeline by account" })).toBeVisible();
  for (const dir of ["Next week", "Previous week", "Previous week"]) {
    await fits(page, `timeline, ${await page.getByTestId("timeline-title").textContent()}`);
    await page.getByRole("button", { name: dir }).click();
  }
  await fits(page, "timeline");
});

test("screens of the calendar, light and dark, pass axe", async ({ page, baseURL }, info) => {
  test.setTimeout(240_000);
  await signUp(page, person(info, "shots"));
  const s = await setup(page, baseURL!);
  await s.api("/api/v1/me/preferences", { timezone: "Europe/Berlin" }, "put");
  for (const [day, time] of [
    ["2026-12-29", "09:00"],
    ["2026-12-29", "09:00"],
    ["2026-12-29", "09:10"],
    ["2026-12-31", "14:30"],
    ["2027-01-02", "18:00"],
  ]) {
    await s.post(day === "2026-12-31" ? LONG : `Launch note ${day} ${time}`, `${day}T${time}:00`, "Europe/Berlin");
  }
  await s.api("/api/v1/blackouts", { starts_at: "2027-01-01T00:00:00+01:00", ends_at: "2027-01-02T00:00:00+01:00", reason: "New Year freeze" });
  for (const view of ["dayGridMonth", "timeGridWeek", "timeline"]) {
    await page.goto(`/calendar?date=2026-12-28&view=${view}`);
    await expect(page.locator('[data-testid="calendar-event"]:visible').first()).toBeVisible();
    for (const theme of ["light", "dark"] as const) {
      await themeInPlace(page, theme);
      const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(
        bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        `${view} ${theme}`,
      ).toEqual([]);
      await shot(page, info, `${view}-${theme}`);
    }
  }
});

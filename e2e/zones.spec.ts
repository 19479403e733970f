import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { person, signUp } from "./helpers";
import { createFormat } from "../lib/format";

/**
 * A new person anywhere in the world schedules 09:00 on their own clock and sees 09:00 on every
 * screen, in their own date format, while the instant stored is the right one. Four zones, among them
 * a half-hour (+05:30) and a three-quarter-hour (+12:45/+13:45) offset, and two locales.
 */
const PLACES = [
  { timezoneId: "Europe/Berlin", locale: "de-DE", phone: true },
  { timezoneId: "America/Los_Angeles", locale: "en-US", phone: false },
  { timezoneId: "Asia/Kolkata", locale: "en-US", phone: false },
  { timezoneId: "Pacific/Chatham", locale: "de-DE", phone: true },
] as const;

/** The main column of the page, as a person reads it. */
const main = (page: Page) => page.getByRole("main");

/** Nothing on the page says UTC: the person never chose it (the zone pickers' option lists aside). */
async function noUtc(page: Page) {
  const shown = await main(page).evaluate((root) => {
    const out: string[] = [];
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (el && !el.closest("select, script, style") && el.checkVisibility()) out.push(n.textContent ?? "");
    }
    return out.join(" ");
  });
  expect(shown).not.toMatch(/\bUTC\b/);
}

for (const place of PLACES) {
  test.describe(`in ${place.timezoneId} with ${place.locale}`, () => {
    test.use({ timezoneId: place.timezoneId, locale: place.locale });

    test("09:00 typed is 09:00 on every screen, the right instant in the API and the feed", async ({ page, baseURL }, info) => {
      test.skip(info.project.name === "desktop-postgres", "the zones are screens; the database driver is walked by the other specs");
      test.skip(info.project.name === "mobile" && !place.phone, "two of the four places are walked at 375 px as well");
      test.slow(); // eight screens and a publish check per place
      const api = async (method: "get" | "post", path: string, data?: unknown) => {
        const r = await page.request[method](path, { data, headers: { origin: baseURL! } });
        expect(r.status(), `${method} ${path}`).toBeLessThan(300);
        return r;
      };

      await signUp(page, person(info, "zones"));
      // The sign-up took the browser's zone: nothing to set before the first post.
      const prefs = await (await api("get", "/api/v1/me/preferences")).json();
      expect(prefs.timezone).toBe(place.timezoneId);
      expect(prefs.timezone_confirmed_at).not.toBeNull();
      await api("post", "/api/v1/platform-accounts", { platform: "sandbox", name: "Sandbox" });

      const f = createFormat({ locale: place.locale, timeZone: place.timezoneId });
      const day = f.toDateInput(Date.now() + 3 * 86_400_000);
      const instant = f.fromInput(`${day}T09:00`)!;
      const nine = f.time(instant);
      expect(nine).toMatch(/^(09:00|9:00 AM)$/);

      // Composer: the zone is the person's; 09:00 typed on the person's own clock.
      await page.goto("/content/new");
      await expect(page.getByLabel("Time zone")).toHaveValue(place.timezoneId);
      await page.getByLabel("Title").fill("Zone walk");
      await page.getByLabel("Body").fill("Nine o'clock, local");
      await page.getByRole("checkbox", { name: /Sandbox/ }).check();
      await page.getByLabel("Date").fill(day);
      await page.getByLabel("Time", { exact: true }).fill("09:00");
      await page.getByRole("button", { name: "Schedule", exact: true }).click();
      await expect(page).toHaveURL(/\/content\/[0-9a-f-]{36}$/);
      const contentId = page.url().split("/").pop()!;

      // The API holds the right instant and the wall time in the person's zone.
      const schedules = (await (await api("get", `/api/v1/schedules?content_item_id=${contentId}`)).json()).items as {
        id: string;
        scheduled_time: string;
        timezone: string;
        local_time: string;
      }[];
      expect(schedules).toHaveLength(1);
      expect(new Date(schedules[0]!.scheduled_time).toISOString()).toBe(instant.toISOString());
      expect(schedules[0]!.local_time.slice(0, 16)).toBe(`${day}T09:00`);
      expect(schedules[0]!.timezone).toBe(place.timezoneId);

      // The post's own page.
      await page.reload();
      await expect(page.getByTestId("schedule-list")).toContainText(nine);
      await noUtc(page);

      // Content list.
      await page.goto("/content");
      await expect(page.getByTestId("content-row").filter({ hasText: "Zone walk" })).toContainText(nine);
      await noUtc(page);

      // Overview.
      await page.goto("/");
      await expect(main(page)).toContainText("Zone walk");
      await expect(main(page)).toContainText(nine);
      await noUtc(page);

      // Job monitor: the schedule's history says when it is due.
      await page.goto(`/jobs?schedule=${schedules[0]!.id}`);
      await expect(page.getByRole("region", { name: /History of/ })).toContainText(nine);
      await noUtc(page);

      // Calendar: the week of the post, the event at 09:00.
      await page.goto(`/calendar?view=timeGridWeek&date=${day}`);
      const event = page.getByTestId("calendar-event").filter({ hasText: "Zone walk" });
      await expect(event).toBeVisible();
      await expect(event).toContainText(nine);
      await noUtc(page);

      // The calendar feed: the event starts at the stored instant (UTC in the file, as RFC 5545 wants).
      const feed = (await (await api("post", "/api/v1/ics-feed", {})).json()) as { url: string };
      const ics = await (await page.request.get(new URL(feed.url).pathname)).text();
      const stamp = instant
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "");
      expect(ics).toContain(`DTSTART:${stamp}`);
    });
  });
}

import type { APIRequestContext, Browser, Page, TestInfo } from "@playwright/test";
import { expect, guardContext, test } from "./fixtures";
import { createWebhookFake } from "../adapters/fakes/webhook";
import { nextMonthDay, person, signUp } from "./helpers";

/**
 * A person in their own zone and locale schedules 09:00 and sees 09:00 on every everyday screen,
 * with the stored instant right; a comment's time, rendered on the server and again in a browser
 * whose zone is not the server's, gives no hydration error (the fixtures fail on any console error).
 */

type Case = { zone: string; locale: string; nine: string; utc: (day: string) => string };

const CASES: Case[] = [
  // +05:30: 09:00 there is 03:30Z the same day.
  { zone: "Asia/Kolkata", locale: "de-DE", nine: "09:00", utc: (day) => `${day}T03:30:00.000Z` },
  // -08:00 in winter, -07:00 in summer: the test computes the offset of the day it picks.
  { zone: "America/Los_Angeles", locale: "en-US", nine: "9:00 AM", utc: (day) => laNine(day) },
];

/** 09:00 in Los Angeles on `day` as an ISO instant (PST or PDT, whichever that day has). */
function laNine(day: string): string {
  for (const offset of [8, 7]) {
    const at = new Date(`${day}T${String(9 + offset).padStart(2, "0")}:00:00.000Z`);
    const local = new Intl.DateTimeFormat("en-US", { timeZone: "America/Los_Angeles", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
    if (local === "09:00") return at.toISOString();
  }
  throw new Error(`no 09:00 on ${day}`);
}

/** What the app prints for an instant in a zone and locale ("08.01.2027, 09:00" / "Jan 8, 2027, 9:00 AM"). */
const printed = (at: string | Date, c: Pick<Case, "zone" | "locale">) =>
  new Intl.DateTimeFormat(c.locale, { dateStyle: "medium", timeStyle: "short", timeZone: c.zone }).format(new Date(at)).replace(/[\u202f\u00a0\u2009]/g, " ");

const send = (request: APIRequestContext, baseURL: string) => ({
  post: async (path: string, data: unknown) => request.post(path, { data, headers: { origin: baseURL } }),
  put: async (path: string, data: unknown) => request.put(path, { data, headers: { origin: baseURL } }),
  get: async (path: string) => (await request.get(path)).json(),
});

/** An editor joins in a browser of their own, in `zone` and `locale` like the admin's. */
async function editorIn(page: Page, browser: Browser, info: TestInfo, c: Case) {
  const editor = person(info, "editor");
  await page.goto("/settings/team");
  await page.getByLabel("Email").fill(editor.email);
  await page.getByLabel("Role", { exact: true }).selectOption("editor");
  await page.getByRole("button", { name: "Invite" }).click();
  const link = new URL(await page.getByLabel("Invite link").inputValue());
  const ctx = await guardContext(
    await browser.newContext({
      viewport: page.viewportSize() ?? undefined,
      isMobile: info.project.use.isMobile,
      hasTouch: info.project.use.hasTouch,
      timezoneId: c.zone,
      locale: c.locale,
    }),
  );
  const theirs = await ctx.newPage();
  await signUp(theirs, editor, link.pathname + link.search);
  return { ctx, page: theirs };
}

for (const c of CASES) {
  test.describe(`${c.zone}, ${c.locale}`, () => {
    test.use({ timezoneId: c.zone, locale: c.locale });

    test(`09:00 typed is 09:00 on every screen and ${c.zone}'s instant in the API; comments hydrate cleanly`, async ({ page, baseURL, browser }, info) => {
      test.setTimeout(120_000);
      const api = send(page.request, baseURL!);
      await signUp(page, person(info, "zone"));
      expect((await api.put("/api/v1/me/preferences", { timezone: c.zone })).status()).toBe(200);
      const account = await (await api.post("/api/v1/platform-accounts", { platform: "sandbox", name: "Sandbox zone", credentials: {} })).json();
      const day = nextMonthDay(8);
      const when = printed(c.utc(day), c);
      expect(when).toContain(c.nine);

      // The composer opens in the person's zone, says so beside the fields, and 09:00 typed is 09:00 there.
      await page.goto("/content/new");
      await expect(page.getByLabel("Time zone")).toHaveValue(c.zone);
      await expect(page.getByTestId("schedule-zone-hint")).toHaveText(`In ${c.zone.replaceAll("_", " ")}`);
      await page.getByLabel("Title").fill("Nine o'clock");
      await page.getByLabel("Body").fill("Out at nine, local time");
      await page.getByRole("checkbox", { name: /Sandbox zone/ }).check();
      await page.getByLabel("Date").fill(day);
      await page.getByLabel("Time", { exact: true }).fill("09:00");
      await page.getByRole("button", { name: "Schedule", exact: true }).click();
      await expect(page).toHaveURL(/\/content\/[0-9a-f-]{36}$/);
      const contentId = page.url().split("/").pop()!;

      // Stored: the wall time in the zone, and the instant it means.
      const [stored] = (await api.get(`/api/v1/schedules?content_item_id=${contentId}`)).items as {
        id: string;
        scheduled_time: string;
        local_time: string;
        timezone: string;
      }[];
      expect(stored).toMatchObject({ timezone: c.zone, scheduled_time: c.utc(day) });
      expect(stored!.local_time.slice(0, 16)).toBe(`${day}T09:00`);

      // The content page: the schedule in the person's format, no second zone (it is theirs).
      await page.reload();
      const row = page.getByTestId("schedule-row");
      await expect(row).toContainText(when);
      await expect(row.getByTestId("zone-note")).toHaveCount(0);
      await expect(page.getByLabel("Time", { exact: true })).toHaveValue("09:00");

      // The content list, the overview and the job monitor say the same.
      await page.goto("/content");
      await expect(page.getByTestId("content-row").filter({ hasText: "Nine o'clock" }).locator("time").first()).toHaveText(when);
      await page.goto("/");
      await expect(page.getByRole("listitem").filter({ hasText: "Nine o'clock" }).filter({ hasText: when })).toHaveCount(1);
      await page.goto(`/jobs?schedule=${stored!.id}`);
      await expect(page.getByRole("region", { name: /History of/ })).toContainText(`due ${when}`);
      await expect(page.getByLabel(/^From/)).toBeVisible();
      await expect(page.locator('label[for="f-from"]')).toContainText(c.zone.replaceAll("_", " "));

      // A schedule kept in another zone shows that zone's wall time beside the person's.
      expect(
        (
          await api.post("/api/v1/schedules", {
            content_item_id: contentId,
            platform_account_id: account.id,
            scheduled_time: `${day}T09:00`,
            timezone: "Europe/Berlin",
          })
        ).status(),
      ).toBe(201);
      await page.goto(`/content/${contentId}`);
      const berlin = page.getByTestId("schedule-row").filter({ has: page.getByTestId("zone-note") });
      await expect(berlin.getByTestId("zone-note")).toHaveText(` (${c.nine} Europe/Berlin)`);
      await page.screenshot({ path: test.info().outputPath("screens-zone.png"), fullPage: true });

      // A comment: its time in the person's zone, rendered alike by the server and by this browser.
      expect((await api.post(`/api/v1/content/${contentId}/comments`, { body: "Nine is right" })).status()).toBe(201);
      const [comment] = (await api.get(`/api/v1/content/${contentId}/comments`)).items as { created_at: string }[];
      await page.goto(`/content/${contentId}`);
      await expect(page.getByTestId("comment").locator("time")).toHaveText(printed(comment!.created_at, c));

      // An editor (with a zone of their own) opens the post with its comment: their zone, no hydration error.
      const editor = await editorIn(page, browser, info, c);
      try {
        await editor.page.goto(`/content/${contentId}`);
        const theirZone = ((await editor.page.request.get("/api/v1/me/preferences").then((r) => r.json())) as { timezone: string }).timezone;
        await expect(editor.page.getByTestId("comment").locator("time")).toHaveText(printed(comment!.created_at, { zone: theirZone, locale: c.locale }));
        // In the editor's own zone, with the schedule's 09:00 beside it when their zone is another.
        if (theirZone !== c.zone) await expect(editor.page.getByTestId("zone-note").filter({ hasText: c.zone })).toHaveText(` (${c.nine} ${c.zone})`);
      } finally {
        await editor.ctx.close();
      }
    });

    test("a notification's time is the person's", async ({ page, baseURL }, info) => {
      // The receiver takes the account's secret when it is connected (every account is verified when
      // saved), then changes its own, so the post is refused when it goes out.
      const receiver = { secret: "wrong-secret" };
      const fake = createWebhookFake(receiver);
      await fake.start();
      try {
        const api = send(page.request, baseURL!);
        await signUp(page, person(info, "notice"));
        expect((await api.put("/api/v1/me/preferences", { timezone: c.zone })).status()).toBe(200);
        const account = await (
          await api.post("/api/v1/platform-accounts", {
            platform: "webhook",
            name: "Refusing hook",
            config: { api_base_url: fake.hookUrl() },
            credentials: { secret: "wrong-secret" },
          })
        ).json();
        expect(account.status).toBe("active");
        receiver.secret = "right-secret";
        const content = await (await api.post("/api/v1/content", { title: "Refused", content: "No entry" })).json();
        expect(
          (
            await api.post("/api/v1/schedules", {
              content_item_id: content.id,
              platform_account_ids: [account.id],
              scheduled_time: new Date(Date.now() + 1500).toISOString(),
              timezone: "UTC",
            })
          ).status(),
        ).toBe(201);
        const refused = async () =>
          ((await api.get("/api/v1/notifications")).items as { title: string; created_at: string }[]).find((n) => n.title.startsWith("“Refused” failed"));
        await expect.poll(refused, { timeout: 30_000 }).toBeTruthy();
        const made = (await refused())!;
        await page.goto("/notifications");
        const item = page.getByTestId("notification-item").filter({ hasText: "“Refused” failed to publish" });
        await expect(item.locator("time")).toHaveText(printed(made.created_at, c));
      } finally {
        await fake.close();
      }
    });
  });
}

import type { Page } from "@playwright/test";
import { expect, guardContext, test } from "./fixtures";
import { person, signUp } from "./helpers";
import { createFormat } from "../lib/format";

/** JSON API calls with the page's session (the origin header passes the CSRF check). */
function api(page: Page, baseURL: string | undefined) {
  return async (path: string, data: unknown) => {
    const res = await page.request.post(path, { data, headers: { origin: baseURL! } });
    expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
}

async function sandboxAccount(page: Page, baseURL: string | undefined, name = "Sandbox") {
  return (await api(page, baseURL)("/api/v1/platform-accounts", { platform: "sandbox", name, config: {}, credentials: {} })).id as string;
}

test("the chosen time zone applies to the times shown", async ({ page, baseURL }, info) => {
  await signUp(page, person(info, "zone"));
  const post = api(page, baseURL);
  const account = await sandboxAccount(page, baseURL);
  const content = await post("/api/v1/content", { title: "New year post", content: "Happy new year" });
  await post("/api/v1/schedules", { content_item_id: content.id, platform_account_ids: [account], scheduled_time: "2030-01-01T00:00:00Z", timezone: "UTC" });

  await page.goto("/");
  // The overview says the time in the person's zone and this (American) browser's format.
  const shown = page.locator('time[datetime="2030-01-01T00:00:00.000Z"]').first();
  await expect(shown).toHaveText(createFormat({ locale: "en-US", timeZone: "UTC" }).dateTime("2030-01-01T00:00:00Z"));

  await page.goto("/settings/preferences");
  await expect(page.getByLabel("Time zone", { exact: true })).toHaveValue("UTC");
  // Typing a city narrows the list to one zone, which is then chosen.
  await page.getByLabel("Search time zone").fill("tokyo");
  await expect(page.getByLabel("Time zone", { exact: true })).toHaveValue("Asia/Tokyo");
  await page.getByLabel("Week starts on").selectOption("Sunday");
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByTestId("toast")).toContainText("Times now show in Asia/Tokyo");

  await page.goto("/");
  await expect(shown).toHaveText(createFormat({ locale: "en-US", timeZone: "Asia/Tokyo" }).dateTime("2030-01-01T00:00:00Z"));
  await page.goto("/settings/preferences");
  await expect(page.getByLabel("Time zone", { exact: true })).toHaveValue("Asia/Tokyo");
  await expect(page.getByLabel("Week starts on")).toHaveValue("0");

  // A minimum above the maximum is refused, in words, and nothing changes.
  await page.getByLabel("Min per week").fill("9");
  await page.getByLabel("Max per week").fill("3");
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByTestId("form-error")).toContainText("The minimum per week cannot be more than the maximum per week");
  await page.reload();
  await expect(page.getByLabel("Min per week")).toHaveValue("");
});

test("blackouts: add, edit and delete one; an end before the start is refused and adds nothing", async ({ page }, info) => {
  await signUp(page, person(info, "blackout"));
  await page.goto("/settings/blackouts");
  await expect(page.getByTestId("blackouts-empty")).toBeVisible();
  const add = page.getByRole("region", { name: "Add a blackout" });

  await add.getByLabel("Starts").fill("2030-06-01T12:00");
  await add.getByLabel("Ends").fill("2030-06-01T10:00");
  await add.getByLabel("Reason").fill("Backwards");
  await add.getByRole("button", { name: "Add blackout" }).click();
  await expect(add.getByTestId("form-error")).toHaveText("The end must be after the start");
  await page.reload();
  await expect(page.getByTestId("blackouts-empty")).toBeVisible();

  await add.getByLabel("Starts").fill("2030-06-01T10:00");
  await add.getByLabel("Ends").fill("2030-06-01T12:00");
  await add.getByLabel("Reason").fill("Offsite");
  await add.getByRole("button", { name: "Add blackout" }).click();
  const row = page.getByTestId("blackout-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Offsite");
  await expect(row).toContainText("Jun 1, 2030, 10:00 AM");
  await expect(row).toContainText("All accounts");

  await row.getByRole("button", { name: "Edit Offsite" }).click();
  await row.getByLabel("Reason").fill("Team offsite");
  await row.getByLabel("Ends").fill("2030-06-01T13:30");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText("Team offsite");
  await expect(row).toContainText("1:30 PM");
  await page.reload();
  await expect(page.getByTestId("blackout-row")).toContainText("Team offsite");

  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Delete Team offsite" }).click();
  await expect(page.getByTestId("blackouts-empty")).toBeVisible();
  await expect(page.getByTestId("blackout-row")).toHaveCount(0);
});

test("the calendar feed URL is copied and regenerated; the old one stops working", async ({ page, context, baseURL }, info) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await signUp(page, person(info, "feed"));
  await page.goto("/settings/calendar-feed");
  await expect(page.getByTestId("feed-empty")).toBeVisible();
  await page.getByRole("button", { name: "Make feed URL" }).click();
  const field = page.getByLabel("Calendar feed URL");
  await expect(field).toHaveValue(/\/api\/ics\/ics_[A-Za-z0-9_-]+\.ics$/);
  const first = await field.inputValue();

  // "Copied" shows for 1.5 s: on a busy machine a poll can miss it, so the page itself notes when it appears.
  await page.evaluate(() => {
    const w = window as unknown as { copiedShown?: boolean };
    w.copiedShown = false;
    new MutationObserver(() => {
      if ([...document.querySelectorAll("button")].some((b) => b.textContent?.trim() === "Copied")) w.copiedShown = true;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole("button", { name: "Copy" }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { copiedShown?: boolean }).copiedShown)).toBe(true);
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(first);
  const ok = await page.request.get(first);
  expect(ok.status()).toBe(200);
  expect(ok.headers()["content-type"]).toContain("text/calendar");

  let asked = "";
  page.once("dialog", (d) => {
    asked = d.message();
    void d.accept();
  });
  await page.getByRole("button", { name: "Regenerate URL" }).click();
  await expect(field).not.toHaveValue(first);
  expect(asked).toContain("stops working");
  const second = await field.inputValue();
  expect((await page.request.get(first)).status()).toBe(404);
  const fresh = await page.request.get(second);
  expect(fresh.status()).toBe(200);
  expect(fresh.headers()["content-type"]).toContain("text/calendar");
  await page.reload();
  await expect(page.getByLabel("Calendar feed URL")).toHaveValue(second);
});

test("posting slots and a rate-limit override on a sandbox account are kept", async ({ page, baseURL }, info) => {
  await signUp(page, person(info, "slots"));
  await sandboxAccount(page, baseURL, "Sandbox queue");
  await page.goto("/settings/accounts");
  const row = page.getByTestId("account-row").filter({ hasText: "Sandbox queue" });
  await expect(row.getByTestId("account-slots")).toHaveText("Posting slots: none");

  await row.getByText("Posting slots (none)").click();
  const slots = row.getByRole("form", { name: "Posting slots of Sandbox queue" });
  await slots.getByLabel("Search slot time zone").fill("Berlin");
  await expect(slots.getByLabel("Slot time zone", { exact: true })).toHaveValue("Europe/Berlin");
  await slots.getByRole("button", { name: "Add a slot" }).click();
  await slots.getByLabel("Friday, slot 1").uncheck();
  await slots.getByLabel("Times, slot 1").fill("25:00");
  await slots.getByRole("button", { name: "Save posting slots" }).click();
  await expect(slots.getByTestId("form-error")).toContainText("times are HH:mm");
  await expect(row.getByTestId("account-slots")).toHaveText("Posting slots: none");

  await slots.getByLabel("Times, slot 1").fill("9:00, 17:30");
  await slots.getByRole("button", { name: "Save posting slots" }).click();
  await expect(page.getByTestId("toast")).toContainText("Posting slots of Sandbox queue saved");
  await page.reload();
  await expect(row.getByTestId("account-slots")).toHaveText("Posting slots: Mon, Tue, Wed, Thu 09:00, 17:30 (Europe/Berlin)");

  await row.getByText("Rate limit", { exact: true }).click();
  const rate = row.getByRole("form", { name: "Rate limit of Sandbox queue" });
  await rate.getByLabel("Posts").fill("0");
  await rate.getByRole("button", { name: "Save rate limit" }).click();
  await expect(rate.getByTestId("form-error")).toHaveText("Posts: must be at least 1");
  await rate.getByLabel("Posts").fill("5");
  await rate.getByLabel("Every").fill("2");
  await rate.getByLabel("Unit").selectOption("hours");
  await rate.getByRole("button", { name: "Save rate limit" }).click();
  await expect(row).toContainText("Pace: 5 per 2 h (custom)");
  await page.reload();
  await expect(row).toContainText("Pace: 5 per 2 h (custom)");
  await row.getByText("Rate limit (custom)").click();
  await expect(rate.getByLabel("Posts")).toHaveValue("5");
  await expect(rate.getByLabel("Unit")).toHaveValue("3600");
  await rate.getByRole("button", { name: "Use documented pace" }).click();
  await expect(row).not.toContainText("(custom)");
});

test("a viewer sees the settings but no controls to change them", async ({ page, browser, baseURL }, info) => {
  await signUp(page, person(info, "owner"));
  const post = api(page, baseURL);
  await sandboxAccount(page, baseURL, "Shared sandbox");
  await post("/api/v1/blackouts", { starts_at: "2030-06-01T10:00:00Z", ends_at: "2030-06-01T12:00:00Z", reason: "Launch freeze" });
  await post("/api/v1/ics-feed", {});
  const viewer = person(info, "viewer");
  const invite = await post("/api/v1/invites", { email: viewer.email, role: "viewer" });

  const ctx = await guardContext(await browser.newContext({ viewport: page.viewportSize() ?? undefined }));
  const theirs = await ctx.newPage();
  const path = new URL(invite.invite_url).pathname + new URL(invite.invite_url).search;
  await signUp(theirs, viewer, path);

  await theirs.goto("/settings/blackouts");
  await expect(theirs.getByTestId("blackout-row")).toContainText("Launch freeze");
  await expect(theirs.getByRole("region", { name: "Add a blackout" })).toHaveCount(0);
  await expect(theirs.getByRole("button", { name: /Edit|Delete/ })).toHaveCount(0);

  await theirs.goto("/settings/calendar-feed");
  await expect(theirs.getByLabel("Calendar feed URL")).toHaveValue(/\.ics$/);
  await expect(theirs.getByRole("button", { name: /Regenerate|Make feed URL/ })).toHaveCount(0);

  await theirs.goto("/settings/accounts");
  const row = theirs.getByTestId("account-row").filter({ hasText: "Shared sandbox" });
  await expect(row.getByTestId("account-slots")).toHaveText("Posting slots: none");
  await expect(row.getByText(/^Posting slots \(|^Rate limit/)).toHaveCount(0);
  await expect(row.getByRole("button")).toHaveCount(0);

  await theirs.goto("/settings/retention");
  await expect(theirs.getByTestId("retention-events").getByLabel("Days kept")).toBeDisabled();
  await expect(theirs.getByRole("button", { name: "Save retention" })).toHaveCount(0);
  await ctx.close();
});

test("retention: defaults, what the typed values would remove, a value out of bounds refused, and a save", async ({ page }, info) => {
  await signUp(page, person(info, "retention"));
  await page.goto("/settings/retention");
  const notifications = page.getByTestId("retention-notifications");
  const days = notifications.getByLabel("Days kept");
  const removes = page.getByTestId("retention-notifications-remove");
  await expect(days).toHaveValue("90");
  await expect(notifications).toContainText("Default: 90 days.");
  await expect(removes).toHaveText("Would remove now: 0");

  // Under the minimum: the row says why, counts nothing, and the save is refused.
  await days.fill("3");
  await expect(notifications).toContainText("From 7 to 3650 days, or keep forever.");
  await expect(removes).toHaveText("Would remove now: —");
  await page.getByRole("button", { name: "Save retention" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Notifications: From 7 to 3650 days, or keep forever.");

  await days.fill("14");
  await expect(removes).toHaveText("Would remove now: 0");
  const auditLog = page.getByTestId("retention-audit_log");
  await auditLog.getByLabel("Keep forever").check();
  await expect(auditLog.getByLabel("Days kept")).toBeDisabled();
  // Nothing would go, so nothing is asked (an unexpected question would be dismissed and the save not made).
  await page.getByRole("button", { name: "Save retention" }).click();
  await expect(page.getByTestId("toast")).toContainText("Retention saved");

  await page.reload();
  await expect(page.getByTestId("retention-notifications").getByLabel("Days kept")).toHaveValue("14");
  await expect(page.getByTestId("retention-audit_log").getByLabel("Keep forever")).toBeChecked();
  await expect(page.getByTestId("retention-events").getByLabel("Keep forever")).toHaveCount(0);
});

import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { createBlueskyFake } from "../adapters/fakes/bluesky";
import { createMastodonFake } from "../adapters/fakes/mastodon";
import { createXFake } from "../adapters/fakes/x";
import { createFormat } from "../lib/format";
import { expect, test } from "./fixtures";
import { person, signUp, themeInPlace } from "./helpers";

// A browser far from UTC: every time on the accounts screen must be the person's, with no hydration error.
test.use({ timezoneId: "Europe/Berlin" });

/** Set to a folder to keep screenshots of the connect flow (desktop and phone, light and dark). */
const SHOTS = process.env.CONNECT_SHOTS_DIR;

async function noSideScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);
}

/** Axe in both themes, switched in place so the chosen platform stays chosen; optional screenshots. */
async function axe(page: Page, shot?: string) {
  for (const theme of ["light", "dark"] as const) {
    await themeInPlace(page, theme);
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    if (SHOTS && shot) await page.screenshot({ path: `${SHOTS}/${shot}-${test.info().project.name}-${theme}.png`, fullPage: true });
  }
  await themeInPlace(page, "light");
}

const connectRegion = (page: Page) => page.getByRole("region", { name: "Connect an account" });
const row = (page: Page, name: string) => page.getByTestId("account-row").filter({ hasText: name });

async function openAdvanced(form: Locator) {
  await form.getByText("Advanced: API address").click();
}

test("X through OAuth 2 with PKCE: the redirect URI on screen is the one X receives, and the account is verified when it comes back", async ({
  page,
  baseURL,
}, info) => {
  test.slow(); // two axe passes per theme on a shared two-core machine
  const x = createXFake({ token: "unused", clientId: "e2e-x-client", username: "schedx" });
  await x.start();
  try {
    await signUp(page, person(info, "connect-x"));
    await page.goto("/settings/accounts");
    const connect = connectRegion(page);
    // Nothing is chosen for the person: no form until a platform is picked.
    await expect(connect.getByRole("radio", { checked: true })).toHaveCount(0);
    await expect(connect.getByRole("form")).toHaveCount(0);
    await noSideScroll(page);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/connect-pick-${info.project.name}-light.png`, fullPage: true });

    await connect.getByRole("radio", { name: /^X/ }).check();
    await expect(connect.getByRole("radio", { name: "Sign in with X (recommended)" })).toBeChecked();
    const guide = connect.getByTestId("connect-guide");
    await expect(guide.getByRole("link", { name: /X Developer Portal/ })).toHaveAttribute("href", "https://developer.x.com/en/portal/dashboard");
    await expect(guide).toContainText("offline.access");
    const shown = await guide.getByRole("textbox", { name: "Redirect URI to register with X" }).inputValue();
    expect(shown).toBe(`${baseURL}/api/v1/platform-accounts/oauth/callback`);
    await noSideScroll(page);
    await axe(page, "connect-x-oauth");

    const form = connect.getByRole("form", { name: "Connect X" });
    await form.getByLabel("Name", { exact: true }).fill("X main");
    await form.getByLabel("Client ID").fill("e2e-x-client");
    await openAdvanced(form);
    await form.getByLabel("API base URL").fill(x.url);
    await form.getByLabel("Authorization URL").fill(`${x.url}/i/oauth2/authorize`);
    await form.getByRole("button", { name: "Continue to X" }).click();

    // X sends the browser back; the account is saved only after X answered the check.
    await expect(page.getByTestId("connect-outcome")).toContainText("Connected X main: X accepted the credentials");
    expect(x.authorizeSeen).toHaveLength(1);
    expect(x.authorizeSeen[0]!.redirect_uri).toBe(shown);
    expect(x.authorizeSeen[0]!.code_challenge_method).toBe("S256");
    expect(x.authorizeSeen[0]!.scope.split(" ")).toContain("offline.access");
    const account = row(page, "X main");
    await expect(account).toContainText("active");
    await expect(account).toContainText("Credentials: access_token, refresh_token");
    await expect(account.getByTestId("last-verified")).toBeVisible();
  } finally {
    await x.close();
  }
});

test("a bogus X token is saved as failed with X's reason and what to do, never active; a refresh token needs the client id", async ({ page }, info) => {
  const x = createXFake({ token: "the-real-token", clientId: "e2e-x-client" });
  await x.start();
  try {
    await signUp(page, person(info, "connect-bad"));
    await page.goto("/settings/accounts");
    const connect = connectRegion(page);
    await connect.getByRole("radio", { name: /^X/ }).check();
    await connect.getByRole("radio", { name: "Paste a token" }).check();
    const form = connect.getByRole("form", { name: "Connect X" });
    await form.getByLabel("Name", { exact: true }).fill("X typo");
    await form.getByLabel("Access token").fill("not-the-token");
    await openAdvanced(form);
    await form.getByLabel("API base URL").fill(x.url);

    // A refresh token without the app's client id would stop working in two hours: refused, nothing saved.
    await form.getByLabel("Refresh token").fill("refresh-1");
    await form.getByRole("button", { name: "Save and verify" }).click();
    await expect(connect.getByTestId("form-error")).toContainText("Client ID: is required with a refresh token");
    await expect(page.getByTestId("account-row")).toHaveCount(0);

    await form.getByLabel("Refresh token").fill("");
    await form.getByRole("button", { name: "Save and verify" }).click();
    const outcome = connect.getByTestId("connect-outcome");
    await expect(outcome).toHaveAttribute("data-status", "needs_reconnect");
    await expect(outcome).toContainText("X typo was saved but does not work yet");
    await expect(outcome).toContainText("X said HTTP 401 Unauthorized");
    await expect(outcome).toContainText("developer.x.com");
    const account = row(page, "X typo");
    await expect(account).toContainText("needs reconnect");
    await expect(account).not.toContainText("active");
    await expect(account.getByTestId("account-reason")).toContainText("X said HTTP 401 Unauthorized");
    await expect(account).toContainText("Last verified: never");
    await noSideScroll(page);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/connect-x-failed-${info.project.name}-light.png`, fullPage: true });

    // Reconnect through the same guided steps, from the account's own link.
    await account.getByRole("link", { name: "Reconnect X typo" }).click();
    const again = page.getByRole("region", { name: "Reconnect X typo" });
    await expect(again).toContainText("Why: X said HTTP 401");
    await again.getByRole("radio", { name: "Paste a token" }).check();
    await again.getByLabel("Access token").fill("the-real-token");
    await again.getByRole("button", { name: "Save and verify" }).click();
    await expect(again.getByTestId("connect-outcome")).toContainText("Connected X typo");
    await expect(row(page, "X typo")).toContainText("active");
    await expect(row(page, "X typo").getByTestId("account-reason")).toHaveCount(0);
  } finally {
    await x.close();
  }
});

test("Mastodon and Bluesky through the guided steps against their servers; the times shown are the person's", async ({ page, baseURL }, info) => {
  const masto = createMastodonFake({ token: "masto-token" });
  const sky = createBlueskyFake({ handle: "sched.e2e.test", password: "abcd-efgh-ijkl-mnop" });
  await masto.start();
  await sky.start();
  try {
    await signUp(page, person(info, "connect-fedi"));
    await page.goto("/settings/accounts");
    const connect = connectRegion(page);

    await connect.getByRole("radio", { name: /^Mastodon/ }).check();
    await connect.getByRole("radio", { name: "Paste a token" }).check();
    await expect(connect.getByTestId("connect-guide")).toContainText("Preferences → Development");
    await expect(connect.getByTestId("connect-guide")).toContainText("write:statuses");
    const m = connect.getByRole("form", { name: "Connect Mastodon" });
    await m.getByLabel("Name", { exact: true }).fill("Toots");
    await m.getByLabel("Server URL").fill(masto.url);
    await m.getByLabel("Access token").fill("masto-token");
    await m.getByRole("button", { name: "Save and verify" }).click();
    await expect(connect.getByTestId("connect-outcome")).toContainText("Connected Toots: Mastodon accepted the credentials");
    await expect(row(page, "Toots")).toContainText("active");

    await connect.getByRole("radio", { name: /^Bluesky/ }).check();
    await expect(connect.getByTestId("connect-guide").getByRole("link", { name: /App passwords/ })).toHaveAttribute(
      "href",
      "https://bsky.app/settings/app-passwords",
    );
    const b = connect.getByRole("form", { name: "Connect Bluesky" });
    await b.getByLabel("Name", { exact: true }).fill("Sky");
    await b.getByLabel("PDS URL").fill(sky.url);
    await b.getByLabel("Handle").fill("sched.e2e.test");
    await b.getByLabel("App password").fill("abcd-efgh-ijkl-mnop");
    await b.getByRole("button", { name: "Save and verify" }).click();
    await expect(connect.getByTestId("connect-outcome")).toContainText("Connected Sky: Bluesky accepted the credentials");
    await expect(row(page, "Sky")).toContainText("active");
    await noSideScroll(page);
    await axe(page, "connect-bluesky");

    // The same through the API: a wrong app password is saved as failed, with the platform's reason.
    const res = await page.request.post("/api/v1/platform-accounts", {
      data: {
        platform: "bluesky",
        name: "Sky typo",
        config: { api_base_url: sky.url },
        credentials: { handle: "sched.e2e.test", app_password: "wrong-pass-word-here" },
      },
      headers: { origin: baseURL! },
    });
    expect(res.status()).toBe(201);
    const failed = await res.json();
    expect(failed.status).toBe("needs_reconnect");
    expect(failed.status_reason).toContain("Bluesky said HTTP 401");
    expect(failed.last_verified_at).toBeNull();

    // "Last verified" in the person's zone and locale (not the browser's Berlin), the same on server and client.
    const prefs = await page.request.put("/api/v1/me/preferences", { data: { timezone: "Asia/Kolkata", locale: "de-DE" }, headers: { origin: baseURL! } });
    expect(prefs.status(), await prefs.text()).toBe(200);
    await page.reload();
    const items = (await (await page.request.get("/api/v1/platform-accounts")).json()).items as { name: string; last_verified_at: string }[];
    const verifiedAt = items.find((a) => a.name === "Sky")!.last_verified_at;
    const expected = createFormat({ locale: "de-DE", timeZone: "Asia/Kolkata" }).dateTime(verifiedAt, { zone: true });
    await expect(row(page, "Sky").getByTestId("last-verified")).toHaveText(expected);
  } finally {
    await masto.close();
    await sky.close();
  }
});

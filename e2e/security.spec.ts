import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, guardPage, test } from "./fixtures";
import { Secret, TOTP } from "otpauth";
import { joinAs, person, signIn, signOut, signUp } from "./helpers";

/** The code an authenticator app shows, computed here with the same library; `ahead` in 30 s steps. */
const codeFor = (secret: string, ahead = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: Date.now() + ahead * 30_000 });
const wrongOf = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, "0");

async function axe(page: Page) {
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return r.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

/** Turns two-factor sign-in on from the profile page; returns the secret and the recovery codes. */
async function enrol(page: Page) {
  await page.goto("/settings/profile");
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from the app").fill(wrongOf(codeFor(secret)));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("form-error")).toContainText("not right");
  await page.getByLabel("Code from the app").fill(codeFor(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("recovery-code")).toHaveCount(10);
  const codes = await page.getByTestId("recovery-code").allTextContents();
  return { secret, codes };
}

async function signInWithCode(page: Page, email: string, password: string, code: string) {
  await signIn(page, email, password);
  await expect(page.getByLabel("Code", { exact: true })).toBeVisible();
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
}

test("two-factor sign-in: enrol, sign in with a code, refuse a wrong one, a recovery code works once", async ({ page }, info) => {
  const me = person(info, "totp");
  await signUp(page, me);
  const { secret, codes } = await enrol(page);
  expect(await axe(page)).toEqual([]);
  await page.getByRole("button", { name: /I have saved them/ }).click();
  await expect(page.getByTestId("two-factor-status")).toContainText("on");
  await expect(page.getByTestId("two-factor-status")).toContainText("10 of 10");

  await signOut(page);
  // The password alone is not enough; a wrong code is refused and keeps the code step.
  await signInWithCode(page, me.email, me.password, wrongOf(codeFor(secret, 1)));
  await expect(page.getByTestId("form-error")).toContainText("not right");
  await expect(page).toHaveURL(/\/signin/);
  // The next step's code: the enrolment used this step's, so it is fresh (and within the drift).
  await page.getByLabel("Code", { exact: true }).fill(codeFor(secret, 1));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

  await signOut(page);
  await signInWithCode(page, me.email, me.password, codes[0]!);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await signOut(page);
  await signInWithCode(page, me.email, me.password, codes[0]!);
  await expect(page.getByTestId("form-error")).toContainText("not right");
  await page.getByLabel("Code", { exact: true }).fill(codes[1]!);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

  // The audit log names these events in words.
  await page.goto("/settings/audit");
  const actions = page.getByLabel("Action");
  for (const label of ["Signed in", "Sign-in failed", "Two-factor sign-in turned on", "Recovery code used"]) {
    await expect(actions.locator("option", { hasText: label })).toHaveCount(1);
  }
  await actions.selectOption({ label: "Recovery code used" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("audit-row")).toHaveCount(2);
});

test("changing the password signs out another browser, not this one", async ({ page, browser }, info) => {
  const me = person(info, "pwchange");
  await signUp(page, me);
  const other = await browser.newContext({
    viewport: page.viewportSize() ?? undefined,
    isMobile: info.project.use.isMobile,
    hasTouch: info.project.use.hasTouch,
  });
  const elsewhere = await other.newPage();
  await guardPage(elsewhere);
  await signIn(elsewhere, me.email, me.password);
  await expect(elsewhere.getByRole("heading", { name: "Overview" })).toBeVisible();

  await page.goto("/settings/profile");
  await page.getByLabel("Current password").fill("not-the-password");
  await page.getByLabel("New password", { exact: true }).fill("brand-new-password");
  await page.getByLabel("New password, again").fill("brand-new-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("form-error")).toContainText("current password is not right");
  await page.getByLabel("Current password").fill(me.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. Other sessions were signed out.")).toBeVisible();

  // This browser stays signed in …
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  // … the other one is out, on the page and on the API.
  expect((await elsewhere.request.get("/api/v1/workspace")).status()).toBe(401);
  await elsewhere.goto("/calendar");
  await expect(elsewhere).toHaveURL(/\/signin/);
  await expect(elsewhere.getByText(/session ended/)).toBeVisible();
  await signIn(elsewhere, me.email, "brand-new-password");
  await expect(elsewhere.getByRole("heading", { name: "Overview" })).toBeVisible();
  await other.close();
});

test("forgot password gives the same answer for a known and an unknown address", async ({ page }, info) => {
  const me = person(info, "forgot");
  await signUp(page, me);
  await signOut(page);
  const answers: string[] = [];
  for (const email of [me.email, `nobody-${me.email}`]) {
    await page.goto("/signin");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    answers.push((await page.getByTestId("forgot-answer").textContent())!);
  }
  expect(answers[0]).toBe(answers[1]);
  expect(answers[0]!.length).toBeGreaterThan(20);
});

test("a workspace can require two-factor sign-in, and an admin can hand a member a reset link", async ({ page, browser }, info) => {
  const admin = person(info, "req-admin");
  await signUp(page, admin);
  const { member, ctx, page: theirs } = await joinAs(page, browser, info, "editor");
  await guardPage(theirs);

  // Only an admin who has it may require it.
  await page.goto("/settings/team");
  await page.getByTestId("require-two-factor").click();
  await expect(page.getByTestId("form-error")).toContainText("for yourself first");
  await expect(page.getByTestId("require-two-factor")).not.toBeChecked();
  await enrol(page);
  await page.getByRole("button", { name: /I have saved them/ }).click();
  await page.goto("/settings/team");
  await page.getByTestId("require-two-factor").click();
  await expect(page.getByTestId("require-two-factor")).toBeChecked();

  // The member is held on the set-up page, and the API refuses their session cookie.
  await theirs.goto("/content");
  await expect(theirs).toHaveURL(/\/two-factor\/setup/);
  expect((await theirs.request.get("/api/v1/workspace")).status()).toBe(403);
  expect(await axe(theirs)).toEqual([]);

  // Meanwhile the admin makes a reset link for them (this server has no SMTP).
  await page.getByRole("button", { name: `Make a reset link for ${member.name}` }).click();
  const url = new URL(await page.getByLabel(`Reset link for ${member.name}`).inputValue());
  await theirs.goto(url.pathname + url.search);
  await expect(theirs.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  expect(await axe(theirs)).toEqual([]);
  await theirs.getByLabel("New password", { exact: true }).fill("reset-by-link-1");
  await theirs.getByLabel("New password, again").fill("reset-by-link-1");
  await theirs.getByRole("button", { name: "Set new password" }).click();
  await expect(theirs.getByText("Your password was reset.")).toBeVisible();
  await signIn(theirs, member.email, "reset-by-link-1");
  await expect(theirs).toHaveURL(/\/two-factor\/setup/);
  await theirs.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const secret = (await theirs.getByTestId("totp-secret").textContent())!.trim();
  await theirs.getByLabel("Code from the app").fill(codeFor(secret));
  await theirs.getByRole("button", { name: "Turn on" }).click();
  await expect(theirs.getByTestId("recovery-code")).toHaveCount(10);
  await theirs.getByRole("button", { name: /I have saved them/ }).click();
  await expect(theirs.getByRole("heading", { name: "Overview" })).toBeVisible();
  expect((await theirs.request.get("/api/v1/workspace")).status()).toBe(200);

  // The used link does not work twice.
  await theirs.goto(url.pathname + url.search);
  await expect(theirs.getByRole("heading", { name: "This link does not work" })).toBeVisible();
  await ctx.close();
});

test("the team screen offers no reset link for another admin, and says why", async ({ page, browser }, info) => {
  const admin = person(info, "rl-admin");
  await signUp(page, admin);
  const { member, ctx } = await joinAs(page, browser, info, "admin");
  await page.goto("/settings/team");
  const row = page.getByTestId("member-row").filter({ hasText: member.name });
  await expect(row.getByTestId("reset-link-refused")).toContainText("No reset link");
  await expect(row.getByTestId("reset-link-refused")).toContainText("another admin");
  await expect(row.getByRole("button", { name: /Make a reset link/ })).toHaveCount(0);
  expect(await axe(page)).toEqual([]);
  await ctx.close();
});

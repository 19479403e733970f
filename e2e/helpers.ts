import type { Browser, Page, TestInfo } from "@playwright/test";
import { expect, guardContext } from "./fixtures";

let n = 0;
/** A unique person per test and project, so specs never share data. */
export function person(info: TestInfo, label = "user") {
  const id = `${label}-${info.project.name}-${Date.now().toString(36)}-${n++}`;
  return { name: `${label} ${id}`.slice(0, 60), email: `${id}@example.test`, password: `pw-${id}`, workspace: `WS ${id}` };
}

export async function signUp(page: Page, p: { name: string; email: string; password: string; workspace?: string }, invitePath?: string) {
  await page.goto(invitePath ?? "/signup");
  await page.getByLabel("Your name").fill(p.name);
  if (!invitePath) await page.getByLabel("Email").fill(p.email);
  await page.getByLabel("Password").fill(p.password);
  if (p.workspace && !invitePath) await page.getByLabel("Workspace name").fill(p.workspace);
  await page.getByRole("button", { name: invitePath ? "Join workspace" : "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

/** Follows a main-navigation link; on a phone the menu opens first. */
export async function navigate(page: Page, label: string) {
  const menu = page.getByRole("button", { name: "Open menu" });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label }).click();
}

/** The admin on `page` invites a new person with a role; they join in a browser context of their own. */
export async function joinAs(page: Page, browser: Browser, info: TestInfo, role: "viewer" | "editor" | "admin") {
  const member = person(info, role);
  await page.goto("/settings/team");
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Invite" }).click();
  const link = new URL(await page.getByLabel("Invite link").inputValue());
  const ctx = await guardContext(
    await browser.newContext({ viewport: page.viewportSize() ?? undefined, isMobile: info.project.use.isMobile, hasTouch: info.project.use.hasTouch }),
  );
  const theirs = await ctx.newPage();
  await signUp(theirs, member, link.pathname + link.search);
  await expect(theirs.getByTestId("role-badge")).toHaveText(role);
  return { member, ctx, page: theirs };
}

/** A day of next month as YYYY-MM-DD (UTC): tests work in the future, whatever day the suite runs. */
export function nextMonthDay(day: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, day)).toISOString().slice(0, 10);
}

/**
 * Switches the theme in place (the class the toggle sets), so open panels stay open, and waits until
 * every colour transition has run out: axe measuring a button halfway from white to slate reports a
 * contrast failure that no person ever sees.
 */
export async function themeInPlace(page: Page, theme: "light" | "dark") {
  await page.evaluate(async (dark) => {
    document.documentElement.classList.toggle("dark", dark);
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
  }, theme === "dark");
}

/**
 * Waits until no CSS transition is running: a button just enabled again fades back from its
 * disabled look, and axe measuring it halfway reports a contrast failure no person ever sees.
 */
export async function transitionsDone(page: Page) {
  await page.evaluate(async () => {
    // Two frames first, so a style change React has just committed has started its transition.
    for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(r));
    await Promise.all(
      document
        .getAnimations()
        .filter((a) => a instanceof CSSTransition)
        .map((a) => a.finished.catch(() => undefined)),
    );
  });
}

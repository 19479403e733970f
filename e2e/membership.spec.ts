import type { Browser, Page, TestInfo } from "@playwright/test";
import { expect, guardContext, test } from "./fixtures";
import { navigate, person, signUp } from "./helpers";

/**
 * An admin invites a new person, who joins through the link in a browser of their own; then the
 * admin removes them, leaving them signed in without any workspace.
 */
async function joinThenRemove(page: Page, browser: Browser, info: TestInfo, labels: [string, string]) {
  const admin = person(info, labels[0]);
  const member = person(info, labels[1]);
  await signUp(page, admin);
  await navigate(page, "Settings");
  await page.getByLabel("Email").fill(member.email);
  await page.getByRole("button", { name: "Invite" }).click();
  const link = new URL(await page.getByLabel("Invite link").inputValue());
  const ctx = await guardContext(await browser.newContext({ viewport: page.viewportSize() ?? undefined }));
  const theirs = await ctx.newPage();
  await signUp(theirs, member, link.pathname + link.search);
  await page.reload();
  const row = page.getByTestId("member-row").filter({ hasText: member.name });
  page.once("dialog", (d) => d.accept());
  await row.getByRole("button", { name: "Remove" }).click();
  await expect(row).toHaveCount(0);
  return { admin, member, ctx, theirs };
}

test("a member removed from their only workspace lands on invitations, and can accept a new one", async ({ page, browser }, info) => {
  const { admin, member, ctx, theirs } = await joinThenRemove(page, browser, info, ["owner", "leaver"]);
  await theirs.reload();
  await expect(theirs).toHaveURL(/\/invites$/);
  await expect(theirs.getByText("not a member of any workspace yet")).toBeVisible();

  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByRole("status")).toContainText(`Invite created for ${member.email}`);

  await theirs.reload();
  const banner = theirs.getByTestId("invite-banner");
  await expect(banner).toContainText(`You are invited to ${admin.workspace} as viewer`);
  await banner.getByRole("button", { name: "Accept" }).click();
  await expect(theirs.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(theirs.getByTestId("role-badge")).toHaveText("viewer");
  await ctx.close();
});

test("a person without a workspace can start one of their own", async ({ page, browser }, info) => {
  const { member, ctx, theirs } = await joinThenRemove(page, browser, info, ["owner2", "starter"]);
  await theirs.goto("/settings/team");
  await expect(theirs).toHaveURL(/\/invites$/);
  await theirs.getByLabel("Or start a workspace of your own").fill(member.workspace);
  await theirs.getByRole("button", { name: "Create workspace" }).click();
  await expect(theirs.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(theirs.getByLabel("Workspace").locator("option:checked")).toHaveText(member.workspace);
  await expect(theirs.getByTestId("role-badge")).toHaveText("admin");
  await ctx.close();
});

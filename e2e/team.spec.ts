import { expect, guardContext, test } from "./fixtures";
import { navigate, person, signOut, signUp } from "./helpers";

test("an admin invites a new member, who joins through the link; an existing user accepts and switches between workspaces", async ({ page, browser }, info) => {
  const admin = person(info, "admin");
  const member = person(info, "member");
  await signUp(page, admin);
  await navigate(page, "Settings");
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();

  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Role", { exact: true }).selectOption("editor");
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByRole("status")).toContainText(`Invite created for ${member.email}`);
  const link = await page.getByLabel("Invite link").inputValue();
  expect(link).toMatch(/\/signup\?invite=inv_/);
  await expect(page.getByTestId("invite-row")).toContainText(member.email);

  // The invitee, in a browser of their own, joins with the link.
  const other = await guardContext(await browser.newContext({ viewport: page.viewportSize() ?? undefined }));
  const theirs = await other.newPage();
  const invitePath = new URL(link).pathname + new URL(link).search;
  await theirs.goto(invitePath);
  await expect(theirs.getByText(`You were invited to ${admin.workspace} as editor`)).toBeVisible();
  await signUp(theirs, member, invitePath);
  await expect(theirs.getByLabel("Workspace").locator("option:checked")).toHaveText(admin.workspace);
  await expect(theirs.getByTestId("role-badge")).toHaveText("editor");
  await other.close();

  await page.reload();
  await expect(page.getByTestId("member-row").filter({ hasText: member.name })).toBeVisible();
  await expect(page.getByTestId("invite-row")).toHaveCount(0);

  // Someone who already has an account is not added unasked: they accept the invitation after signing in.
  const third = person(info, "third");
  const ctx = await guardContext(await browser.newContext({ viewport: page.viewportSize() ?? undefined }));
  const p3 = await ctx.newPage();
  await signUp(p3, third);
  await page.getByLabel("Email").fill(third.email);
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByRole("status")).toContainText(`Invite created for ${third.email}`);
  await expect(page.getByTestId("member-row").filter({ hasText: third.name })).toHaveCount(0);

  await p3.reload();
  const switcher = p3.getByLabel("Workspace");
  await expect(switcher.locator("option")).toHaveCount(1);
  const banner = p3.getByTestId("invite-banner");
  await expect(banner).toContainText(`You are invited to ${admin.workspace} as editor`);
  await banner.getByRole("button", { name: "Accept" }).click();
  await expect(banner).toHaveCount(0);
  await expect(switcher.locator("option")).toHaveCount(2);
  await expect(switcher.locator("option:checked")).toHaveText(admin.workspace);
  await navigate(p3, "Settings");
  await expect(p3.getByTestId("member-row").filter({ hasText: admin.name })).toBeVisible();
  // Switching back shows their own workspace's team.
  await switcher.selectOption({ label: third.workspace });
  await expect(switcher.locator("option:checked")).toHaveText(third.workspace);
  await expect(p3.getByTestId("member-row")).toHaveCount(1);

  // A form left open in another tab does not act on the workspace switched to meanwhile.
  const stale = await ctx.newPage();
  await stale.goto("/settings/team");
  await expect(stale.getByRole("button", { name: "Invite" })).toBeVisible();
  await switcher.selectOption({ label: admin.workspace });
  await expect(switcher.locator("option:checked")).toHaveText(admin.workspace);
  await stale.getByLabel("Email").fill(`stale-${third.email}`);
  await stale.getByRole("button", { name: "Invite" }).click();
  await expect(stale.getByTestId("form-error")).toContainText("You switched workspace in another tab");
  await page.reload();
  await expect(page.getByTestId("invite-row").filter({ hasText: `stale-${third.email}` })).toHaveCount(0);
  await ctx.close();
});

test("an admin creates an API token, sees it once, and revokes it", async ({ page, request }, info) => {
  await signUp(page, person(info, "tokens"));
  await page.goto("/settings/tokens");
  await page.getByLabel("Name").fill("CI publisher");
  await page.getByLabel("Role").selectOption("viewer");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("New API token").inputValue();
  expect(token).toMatch(/^sch_/);

  const ok = await request.get("/api/v1/workspace", { headers: { authorization: `Bearer ${token}` } });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).role).toBe("viewer");

  await page.reload();
  await expect(page.getByLabel("New API token")).toHaveCount(0); // shown once only
  const row = page.getByTestId("token-row").filter({ hasText: "CI publisher" });
  await expect(row).toContainText(token.slice(0, 8));
  await expect(page.locator("body")).not.toContainText(token);
  page.once("dialog", (d) => d.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  const after = await request.get("/api/v1/workspace", { headers: { authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("unauthorized");
});

test("theme switches and stays after a reload; sign out closes the dashboard", async ({ page }, info) => {
  await signUp(page, person(info, "theme"));
  const html = page.locator("html");
  const toggle = page.getByTestId("theme-toggle");
  await toggle.click(); // system → light
  await expect(html).not.toHaveClass(/dark/);
  await toggle.click(); // light → dark
  await expect(html).toHaveClass(/dark/);
  await page.reload();
  await expect(html).toHaveClass(/dark/);
  await expect(html).toHaveCSS("color-scheme", "dark");
  await toggle.click(); // dark → system (light in this browser)
  await expect(html).not.toHaveClass(/dark/);
  await signOut(page);
  await page.goto("/settings/team");
  await expect(page).toHaveURL(/\/signin/);
});

test("every screen of the navigation answers for a signed-in member", async ({ page }, info) => {
  await signUp(page, person(info, "nav"));
  for (const [label, heading] of [
    ["Calendar", "Calendar"],
    ["Content", "Content"],
    ["Approvals", "Approvals"],
    ["Jobs", "Job monitor"],
    ["Analytics", "Analytics"],
    ["Health", "Health"],
    ["Settings", "Settings"],
    ["Overview", "Overview"],
  ]) {
    await navigate(page, label!);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
  }
  await signOut(page);
});

import { expect, test } from "./fixtures";
import { person, signIn, signOut, signUp } from "./helpers";
import { DEMO_PASSWORD } from "../playwright.config";

test("sign up, sign out, refuse a wrong password, sign in again", async ({ page }, info) => {
  const me = person(info);
  await signUp(page, me);
  await expect(page.getByLabel("Workspace")).toHaveValue(/.+/);
  await expect(page.getByLabel("Workspace").locator("option:checked")).toHaveText(me.workspace);
  await expect(page.getByTestId("role-badge")).toHaveText("admin");

  await signOut(page);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/); // signed out means the dashboard is closed

  await signIn(page, me.email, "not-my-password");
  await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/signin/);

  await signIn(page, me.email, me.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
});

test("sign-up explains what is wrong and creates nothing", async ({ page }, info) => {
  const me = person(info);
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(me.name);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("enter a valid email address").first()).toBeVisible();
  await page.getByLabel("Email").fill(me.email);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("password must be at least 8 characters").first()).toBeVisible();
  await signIn(page, me.email, "short");
  await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
});

test("repeated failed sign-ins are throttled", async ({ page }, info) => {
  const me = person(info, "throttle");
  await signUp(page, me);
  await signOut(page);
  for (let i = 0; i < 5; i++) {
    await signIn(page, me.email, `wrong-${i}`);
    await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
  }
  await signIn(page, me.email, me.password);
  await expect(page.getByTestId("form-error")).toContainText("Too many failed sign-ins");
  await expect(page).toHaveURL(/\/signin/);
});

test("the demo admin sees the seeded month on the overview", async ({ page }) => {
  await signIn(page, "admin@example.com", DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("stat-published")).not.toHaveText("0");
  await expect(page.getByTestId("stat-failed")).toHaveText("1");
  await expect(page.getByRole("heading", { name: "Upcoming" })).toBeVisible();
});

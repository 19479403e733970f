import { expect, test } from "./fixtures";
import { createWebhookFake } from "../adapters/fakes/webhook";
import { person, signUp } from "./helpers";

test("an admin adds a webhook account, verifies it, disables and removes it; a missing URL is refused and nothing is added", async ({ page }, info) => {
  const fake = createWebhookFake({ secret: "good-secret" });
  await fake.start();
  try {
    await signUp(page, person(info, "accounts"));
    await page.goto("/settings/accounts");
    await expect(page.getByText("No accounts yet.")).toBeVisible();

    const connect = page.getByRole("region", { name: "Connect an account" });
    await connect.getByRole("radio", { name: /^Webhook/ }).check();
    const add = connect.getByRole("form", { name: "Connect Webhook" });
    await add.getByLabel("Name", { exact: true }).fill("Partner hook");
    await add.getByLabel("Receiver URL").fill(fake.hookUrl());
    await add.getByLabel("Signing secret").fill("good-secret");
    await add.getByRole("button", { name: "Save and verify" }).click();
    // Checked with the receiver when saved: a signed ping, and the status is its answer.
    await expect(connect.getByTestId("connect-outcome")).toContainText("Connected Partner hook");
    const row = page.getByTestId("account-row").filter({ hasText: "Partner hook" });
    await expect(row).not.toContainText("Last verified: never");
    await expect(row).toContainText("active");
    await expect(row).toContainText("Credentials: secret");
    await expect(page.locator("body")).not.toContainText("good-secret");

    await row.getByRole("button", { name: "Verify Partner hook" }).click();
    await expect(row).toContainText("active");

    // A missing URL is refused with the field named, and nothing is added.
    await add.getByLabel("Name", { exact: true }).fill("Broken");
    await add.getByLabel("Signing secret").fill("x");
    await add.getByRole("button", { name: "Save and verify" }).click();
    await expect(connect.getByTestId("form-error")).toContainText("is required for Webhook accounts");
    await expect(page.getByTestId("account-row")).toHaveCount(1);

    await row.getByRole("button", { name: "Disable Partner hook" }).click();
    await expect(row).toContainText("disabled");
    page.once("dialog", (d) => d.accept());
    await row.getByRole("button", { name: "Delete Partner hook" }).click();
    await expect(page.getByText("No accounts yet.")).toBeVisible();
  } finally {
    await fake.close();
  }
});

test("the OAuth callback's answer is shown on the accounts screen", async ({ page }, info) => {
  await signUp(page, person(info, "oauth"));
  await page.goto("/settings/accounts?error=X%20refused%20the%20authorization%20code");
  await expect(page.getByText("Connecting failed: X refused the authorization code")).toBeVisible();
});

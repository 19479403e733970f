import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { person, signUp } from "./helpers";

test("an admin exports the workspace with a passphrase, imports it as a new workspace and switches to it", async ({ page, baseURL }, info) => {
  test.setTimeout(60_000);
  const me = person(info, "backup");
  await signUp(page, me);
  const post = (p: string, data: unknown) => page.request.post(p, { data, headers: { origin: baseURL! } });
  expect((await post("/api/v1/platform-accounts", { platform: "sandbox", name: "Sandbox" })).status()).toBe(201);
  expect((await post("/api/v1/content", { title: "Moving house", content: "Everything comes along" })).status()).toBe(201);

  await page.goto("/settings/backup");
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Backup" })).toHaveAttribute("aria-current", "page");
  await page.getByLabel(/Include account credentials/).check();
  await page.getByLabel(/^Passphrase to seal/).fill("a passphrase for the move");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download archive" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^workspace-.+\.tar\.gz$/);
  const file = path.join(os.tmpdir(), `e2e-backup-${Date.now()}.tar.gz`);
  await download.saveAs(file);

  try {
    await page.getByLabel("Archive (.tar.gz)").setInputFiles(file);
    await page.getByLabel(/^Passphrase of the archive/).fill("a passphrase for the move");
    await page.getByLabel(/Name of the new workspace/).fill("Moved workspace");
    await page.getByRole("button", { name: "Import as a new workspace" }).click();
    const done = page.getByTestId("import-done");
    await expect(done).toContainText("Moved workspace is ready: 1 post, 1 account");
    await done.getByRole("button", { name: "Switch to Moved workspace" }).click();
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(page.getByLabel("Workspace", { exact: true })).toHaveValue(/.+/);
    await expect(page.locator("#workspace-switcher option:checked")).toHaveText("Moved workspace");
    await page.goto("/content");
    await expect(page.getByRole("link", { name: "Moving house" }).first()).toBeVisible();
  } finally {
    fs.rmSync(file, { force: true });
  }
});

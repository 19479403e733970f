import { expect, test } from "./fixtures";
import { person, signUp } from "./helpers";

// The Health page's timeline and alerts, at desktop size (the a11y walk opens it at 375 px).
test("a new workspace has the recommended alert rules; an alert shows on the Health page with the timeline, and resolves when its rule is switched off", async ({
  page,
  baseURL,
}, info) => {
  test.skip(info.project.name !== "desktop", "desktop only");
  await signUp(page, person(info, "health"));
  await page.goto("/settings/alerts");
  await expect(page.getByTestId("alert-rule")).toHaveCount(6);

  // More live runners expected than this server has: the rule is evaluated when saved and fires at once.
  const made = await page.request.post("/api/v1/alert-rules", { data: { kind: "no_runner", params: { min_runners: 5 } }, headers: { origin: baseURL! } });
  expect(made.status()).toBe(201);
  expect((await made.json()).firing).toBe(1);

  await page.goto("/health");
  const open = page.getByTestId("open-alert");
  await expect(open).toHaveCount(1);
  await expect(open).toContainText("Job runners");
  await expect(open).toContainText(/job runners? alive, at least 5 expected/);
  // The runner records a minute as it starts: the database's strip has at least one mark.
  await expect(async () => {
    await page.reload();
    await expect(page.locator('[data-testid="timeline-row"][data-check="database"] [data-status="ok"]').first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole("img", { name: /^Database: last 24 hours: / })).toBeVisible();

  await page.getByRole("link", { name: "Edit alert rules" }).click();
  await page.getByRole("button", { name: "Turn off: Fewer than 5 job runners alive (heartbeat within 60 seconds)" }).click();
  await expect(page.getByRole("button", { name: "Turn on: Fewer than 5 job runners alive (heartbeat within 60 seconds)" })).toBeVisible();
  await page.goto("/health");
  await expect(page.getByTestId("open-alert")).toHaveCount(0);
  await expect(page.getByTestId("past-alert").filter({ hasText: "Job runners" })).toContainText("rule switched off");
});

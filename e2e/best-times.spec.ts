import { expect, test } from "./fixtures";
import { person, signUp } from "./helpers";
import { createMastodonFake } from "../adapters/fakes/mastodon";

test("the composer suggests best times for every ticked account, each named by its platform and research", async ({ page, baseURL }, info) => {
  const masto = createMastodonFake({ token: "e2e-masto-token" });
  await masto.start();
  try {
    await signUp(page, person(info, "besttimes"));
    const api = (path: string, data: unknown) => page.request.post(path, { data, headers: { origin: baseURL! } });
    expect((await api("/api/v1/platform-accounts", { platform: "sandbox", name: "Playground" })).status()).toBe(201);
    expect((await api("/api/v1/platform-accounts", { platform: "mastodon", name: "Toots", config: { api_base_url: masto.url }, credentials: { access_token: "e2e-masto-token" } })).status()).toBe(201);

    await page.goto("/content/new");
    await page.getByLabel("Title").fill("Best times");
    await page.getByLabel("Body").fill("When should this go out?");
    await page.getByRole("checkbox", { name: /Playground/ }).check();
    await page.getByRole("checkbox", { name: /Toots/ }).check();
    await page.getByRole("button", { name: "Suggest best times for the 2 accounts" }).click();

    const sections = page.getByTestId("best-times-account");
    await expect(sections).toHaveCount(2);
    const sandbox = page.getByRole("region", { name: "Best times for Playground on Sandbox" });
    const mastodon = page.getByRole("region", { name: "Best times for Toots on Mastodon" });
    await expect(sandbox.getByRole("heading", { name: "Sandbox · Playground" })).toBeVisible();
    await expect(sandbox).toContainText("No research for Sandbox; using the general baseline.");
    await expect(mastodon.getByRole("heading", { name: "Mastodon · Toots" })).toBeVisible();
    await expect(mastodon).toContainText("No research for Mastodon; using the research for X.");
    await expect(sandbox.getByRole("listitem").filter({ has: page.getByRole("button", { name: /^Use / }) })).toHaveCount(5);
    await expect(mastodon.getByRole("listitem").filter({ has: page.getByRole("button", { name: /^Use / }) })).toHaveCount(5);
    await expect(mastodon).toContainText("research for X, applied to Mastodon");

    // A time from the Mastodon list fills the schedule.
    const first = mastodon.getByRole("button", { name: /^Use / }).first();
    await first.click();
    expect(await page.getByLabel("Date").inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.getByLabel("Time").inputValue()).toMatch(/^\d{2}:\d{2}$/);
    await page.screenshot({ path: info.outputPath("best-times.png"), fullPage: true });

    // Unticking an account drops its section; one account names it on the button.
    await page.getByRole("checkbox", { name: /Playground/ }).uncheck();
    await expect(sections).toHaveCount(1);
    await expect(page.getByRole("button", { name: "Suggest best times for Toots" })).toBeVisible();
  } finally {
    await masto.close();
  }
});

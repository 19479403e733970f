import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { person, signUp, themeInPlace } from "./helpers";
import { createMastodonFake } from "../adapters/fakes/mastodon";

// Times in the person's locale (the browser's language, as no other is chosen).
test.use({ locale: "de-DE" });

test("the composer suggests best times for every ticked account, each named by its platform and research", async ({ page, baseURL }, info) => {
  const masto = createMastodonFake({ token: "e2e-masto-token" });
  await masto.start();
  try {
    await signUp(page, person(info, "besttimes"));
    const api = (path: string, data: unknown) => page.request.post(path, { data, headers: { origin: baseURL! } });
    expect((await api("/api/v1/platform-accounts", { platform: "sandbox", name: "Playground" })).status()).toBe(201);
    expect(
      (
        await api("/api/v1/platform-accounts", {
          platform: "mastodon",
          name: "Toots",
          config: { api_base_url: masto.url },
          credentials: { access_token: "e2e-masto-token" },
        })
      ).status(),
    ).toBe(201);

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
    await expect(sandbox.getByTestId("best-times-basis")).toHaveText("General baseline (weekday office hours): no research for Sandbox.");
    await expect(mastodon.getByRole("heading", { name: "Mastodon · Toots" })).toBeVisible();
    await expect(mastodon.getByTestId("best-times-basis")).toHaveText("Research baseline for X, applied to Mastodon.");
    await expect(sandbox.getByRole("listitem").filter({ has: page.getByRole("button", { name: /^Use / }) })).toHaveCount(5);
    await expect(mastodon.getByRole("listitem").filter({ has: page.getByRole("button", { name: /^Use / }) })).toHaveCount(5);
    await expect(mastodon).toContainText("research for X, applied to Mastodon");

    // A time from the Mastodon list fills the schedule; it was shown in German, as the browser asks.
    const firstItem = mastodon.getByRole("list", { name: "Suggested times for Toots" }).locator(":scope > li").first();
    const shown = await firstItem.locator("span.font-medium").innerText();
    await firstItem.getByRole("button", { name: /^Use / }).click();
    // X's research: Tuesday to Thursday, 08:00 to 12:00.
    const date = await page.getByLabel("Date", { exact: true }).inputValue();
    expect([2, 3, 4]).toContain(new Date(`${date}T12:00:00Z`).getUTCDay());
    const time = await page.getByLabel("Time", { exact: true }).inputValue();
    expect(time).toMatch(/^(08|09|10|11):(00|30)$/);
    const zone = await page.getByLabel("Time zone").inputValue();
    const day = new Intl.DateTimeFormat("de-DE", { dateStyle: "full", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
    expect(shown).toContain(`${day}, ${time}`);
    expect(zone).toBeTruthy();
    // Readable in both themes: no serious or critical axe finding in the suggestions.
    for (const theme of ["light", "dark"] as const) {
      await themeInPlace(page, theme);
      await page.getByRole("group", { name: "Schedule" }).screenshot({ path: info.outputPath(`best-times-${theme}.png`) });
      const axe = await new AxeBuilder({ page }).include('[data-testid="best-times-account"]').withTags(["wcag2a", "wcag2aa"]).analyze();
      expect(
        axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id),
        theme,
      ).toEqual([]);
    }

    // Unticking an account drops its section; one account names it on the button.
    await page.getByRole("checkbox", { name: /Playground/ }).uncheck();
    await expect(sections).toHaveCount(1);
    await expect(page.getByRole("button", { name: "Suggest best times for Toots" })).toBeVisible();
  } finally {
    await masto.close();
  }
});

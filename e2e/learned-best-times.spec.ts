import { expect, test } from "./fixtures";
import { navigate, person, signUp } from "./helpers";

const HEADER = "account,posted_at,timezone,content_type,impressions,reach,likes,comments,shares,clicks";

/**
 * 42 posts over the last six weeks at 07:00–22:00 UTC: Saturdays do 80 % better and evenings
 * 19–22 h more than twice as well, so Saturday evening is the best time, which no research says.
 */
function history(account: string) {
  const rows = [];
  for (let i = 0; i < 42; i++) {
    const at = new Date(Date.now() - (1 + i) * 86_400_000);
    const hour = 7 + ((i * 5) % 16);
    const day = at.toISOString().slice(0, 10);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    const rate = 0.02 * (weekday === 6 ? 1.8 : 1) * (hour >= 19 && hour < 22 ? 2.2 : 1) * (1 + 0.08 * Math.sin(i * 7.1));
    rows.push(`${account},${day} ${String(hour).padStart(2, "0")}:00,UTC,post,1000,,${Math.round(rate * 1000)},,,`);
  }
  return { name: "history.csv", mimeType: "text/csv", buffer: Buffer.from([HEADER, ...rows].join("\n") + "\n") };
}

test("imported history teaches the account its own best times: the heatmap and the composer's suggestions change", async ({ page, baseURL }, info) => {
  await signUp(page, person(info, "learned"));
  const made = await page.request.post("/api/v1/platform-accounts", { data: { platform: "sandbox", name: "Brand" }, headers: { origin: baseURL! } });
  expect(made.status()).toBe(201);

  // Before: the research baseline, said so, and nothing striped as uncertain.
  await navigate(page, "Analytics");
  const learned = page.getByTestId("learned-best-times");
  await expect(learned.getByTestId("learned-basis")).toContainText("Sandbox · Brand: General baseline (weekday office hours): no research for Sandbox.");
  const cells = learned.getByTestId("heatmap-learned").locator("[data-filled]");
  await expect(cells).toHaveCount(168);
  const saturdayEvening = learned.getByTestId("heatmap-learned").locator('[title^="Sat 20:00"]');
  const before = await saturdayEvening.getAttribute("style");

  await page.getByRole("link", { name: "Import history" }).click();
  const form = page.getByRole("region", { name: "Import a file" });
  await form.getByLabel("CSV file").setInputFiles(history("Brand"));
  await form.getByRole("button", { name: "Check file" }).click();
  await expect(form.getByTestId("history-summary")).toContainText("All 42 rows can be imported");
  await form.getByRole("button", { name: "Import 42 posts" }).click();
  await expect(form.getByTestId("history-result")).toHaveText("Imported 42 posts: 42 new, 0 updated.");
  await form.getByRole("link", { name: "Back to Analytics" }).click();

  // After: learned, with an expected rate; Saturday evening is now among the best, and darker.
  await expect(learned.getByTestId("learned-basis")).toContainText("Sandbox · Brand: Learned from 42 of your posts.");
  await expect(saturdayEvening).toHaveAttribute("title", /^Sat 20:00 — expected engagement \d/);
  expect(await saturdayEvening.getAttribute("style")).not.toBe(before);
  await learned.getByText("The ten best times").click();
  const top = learned.getByTestId("learned-top").locator("tbody tr");
  await expect(top).toHaveCount(10);
  await expect(top.first().locator("td").first()).toHaveText("Sat");
  await expect(top.first().locator("td").nth(1)).toHaveText(/^(19|20|21):00$/);
  await page.screenshot({ path: info.outputPath("learned-heatmap.png"), fullPage: true });

  // The composer's suggestions now come from the account's own results, with what they expect.
  await page.goto("/content/new");
  await page.getByLabel("Title").fill("Learned times");
  await page.getByLabel("Body").fill("When should this go out?");
  await page.getByRole("checkbox", { name: /Brand/ }).check();
  await page.getByRole("button", { name: "Suggest best times for Brand" }).click();
  const section = page.getByRole("region", { name: "Best times for Brand on Sandbox" });
  await expect(section.getByTestId("best-times-basis")).toHaveText("Learned from 42 of your posts.");
  await expect(section.getByTestId("best-time-expected").first()).toContainText("Expected engagement");
});

import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { rss, startFeedServer, type FeedItem } from "../scripts/test/feed-server";
import { expect, test } from "./fixtures";
import { person, signUp, themeInPlace, transitionsDone } from "./helpers";

const item = (n: number, title: string): FeedItem => ({
  id: `e2e-${n}`,
  title,
  link: `https://blog.example/posts/${n}`,
  html: `<p>Paragraph <em>${n}</em></p>`,
  published: new Date(Date.UTC(2030, 0, n)).toISOString(),
});

async function seriousViolations(page: Page) {
  await transitionsDone(page);
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
}

const noPageOverflow = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

// The server runs with FEEDS_ALLOW_PRIVATE=true, so a loopback feed server started here is reachable.
test("an editor adds a feed, polls it now, and finds the new item as a draft in the content list", async ({ page }, info) => {
  test.setTimeout(120_000);
  const srv = await startFeedServer();
  const fresh = `Fresh from the feed ${info.project.name}`;
  try {
    srv.routes.set("/blog.xml", { body: rss([item(2, "An older post"), item(1, "The oldest post")]), etag: '"one"' });
    await signUp(page, person(info, "feeds"));
    await page.goto("/settings/feeds");
    await expect(page.getByText("No feeds yet.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // A bad URL is refused with a message, and nothing is added.
    await page.getByLabel("Feed URL").fill("not a url");
    await page.getByRole("button", { name: "Add feed" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "not a valid URL" })).toBeVisible();
    await expect(page.getByTestId("feed-card")).toHaveCount(0);

    await page.getByLabel("Feed URL").fill(`${srv.url}/blog.xml`);
    await page.getByLabel("Name (optional)").fill("Team blog");
    await page.getByLabel("Template").fill("New: {{title}} {{link}}");
    await expect(page.getByTestId("feed-preview")).toHaveText("New: How we plan a month of posts https://example.com/blog/plan-a-month");
    await page.getByRole("button", { name: "Add feed" }).click();
    const card = page.getByTestId("feed-card");
    await expect(card).toHaveCount(1);
    await expect(card).toContainText("Team blog");
    await expect(card).toContainText("Not checked yet");
    await expect(card).toContainText("marks the items already there as seen and posts nothing");
    await noPageOverflow(page);

    // First poll: the two items already there are only marked seen.
    await card.getByRole("button", { name: "Poll now" }).click();
    await expect(card.getByTestId("poll-outcome")).toHaveText("2 new items: 2 items marked seen (first check).");
    await expect(card).toContainText("Items seen: 2");

    // A new item appears in the feed: Poll now makes one draft of it.
    srv.routes.set("/blog.xml", { body: rss([item(3, fresh), item(2, "An older post"), item(1, "The oldest post")]), etag: '"two"' });
    await card.getByRole("button", { name: "Poll now" }).click();
    await expect(card.getByTestId("poll-outcome")).toHaveText("1 new item: 1 draft.");
    expect(srv.requests.at(-1)!.headers["if-none-match"]).toBe('"one"');

    // Unchanged since: the conditional GET gets a 304.
    await card.getByRole("button", { name: "Poll now" }).click();
    await expect(card.getByTestId("poll-outcome")).toHaveText("Nothing new: the feed has not changed since the last check.");

    // A failing feed shows its error.
    srv.routes.set("/blog.xml", { status: 500, body: "down" });
    await card.getByRole("button", { name: "Poll now" }).click();
    await expect(card.getByTestId("poll-outcome")).toContainText("The check failed: HTTP 500");
    await expect(card.getByRole("alert")).toContainText("HTTP 500");
    await expect(card).toContainText("Failing");
    await noPageOverflow(page);
    expect(await seriousViolations(page)).toEqual([]);
    // The same screen, with a failing feed's error on it, in the dark theme.
    await themeInPlace(page, "dark");
    expect(await seriousViolations(page)).toEqual([]);
    await themeInPlace(page, "light");

    await page.goto("/content");
    await expect(page.getByText(fresh).first()).toBeVisible();
    await expect(page.getByText("The oldest post")).toHaveCount(0);
    await noPageOverflow(page);
  } finally {
    await srv.close();
  }
});

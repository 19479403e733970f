import { expect, guardContext, test } from "./fixtures";
import { person, signUp } from "./helpers";

// Chromium without a window says "HeadlessChrome", which counts as a bot: the click is made from a
// context that reads like a person's browser.
const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

test("turn link tracking on, publish a post with a link, open its short link, see the click in analytics", async ({ page, baseURL, browser }, info) => {
  test.setTimeout(120_000);
  await signUp(page, person(info, "links"));
  const api = (method: "get" | "post", path: string, data?: unknown) => page.request[method](path, { data, headers: { origin: baseURL! } });
  expect((await api("post", "/api/v1/platform-accounts", { platform: "sandbox", name: "Sandbox links" })).status()).toBe(201);

  // Settings → Link tracking.
  await page.goto("/settings/links");
  await expect(page.getByRole("group", { name: "Tracked links" })).toBeVisible();
  await expect(page.getByText(`${baseURL}/l/`).first()).toBeVisible();
  await page.getByRole("checkbox", { name: /Track links in posts/ }).check();
  await page.getByLabel("utm_medium").fill("social");
  await page.getByRole("button", { name: "Save link tracking" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Link tracking saved" })).toBeVisible();
  const ws = await (await api("get", "/api/v1/workspace")).json();
  expect(ws.link_tracking.enabled).toBe(true);

  // The composer counts the short link, not the link as written.
  const title = `Tracked ${Date.now().toString(36)}`;
  // Links count as links only with a dotted host name (twitter-text's rule, which every counter
  // follows): app.localhost reaches this same server through the loopback name browsers resolve.
  const target = `${baseURL!.replace("//localhost", "//app.localhost")}/api/health?from=post`;
  await page.goto("/content/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Body").fill(`Read ${target}`);
  await page.getByRole("checkbox", { name: /Sandbox links/ }).check();
  await expect(page.getByTestId("post-link-tracking")).toBeVisible();
  const shortLength = `${baseURL}/l/`.length + 10;
  await expect(page.getByTestId("counter-sandbox")).toHaveText(new RegExp(`: ${5 + shortLength} / 10,000$`));
  await page.getByRole("checkbox", { name: /Track the links in this post/ }).uncheck();
  await expect(page.getByTestId("counter-sandbox")).toHaveText(new RegExp(`: ${5 + target.length} / 10,000$`));
  await page.getByRole("checkbox", { name: /Track the links in this post/ }).check();
  await page.getByRole("button", { name: "Publish now", exact: true }).click();
  await expect(page).toHaveURL(/\/content\/[0-9a-f-]{36}$/);
  const contentId = page.url().split("/").pop()!;

  // Published through the sandbox, with a short link in place of the original.
  let links: { code: string; target_url: string }[] = [];
  await expect
    .poll(
      async () => {
        links = (await (await api("get", `/api/v1/analytics/links?content_id=${contentId}`)).json()).links ?? [];
        return links.length;
      },
      { timeout: 30_000 },
    )
    .toBe(1);
  expect(links[0]!.target_url).toBe(`${target}&utm_source=sandbox&utm_medium=social`);

  // Someone opens the short link: the page ends at the target, UTM parameters added.
  const visitor = await guardContext(await browser.newContext({ userAgent: BROWSER_UA, viewport: page.viewportSize() ?? undefined }));
  const tab = await visitor.newPage();
  await tab.goto(`${baseURL}/l/${links[0]!.code}`);
  await expect(tab).toHaveURL(`${target}&utm_source=sandbox&utm_medium=social`);
  await expect(tab.getByText(/"status"/)).toBeVisible();
  await visitor.close();
  // An unknown code is a small 404 page (asked outside the browser: Chromium logs every 404 it loads).
  const missing = await page.request.get(`${baseURL}/l/ZZZZZZZZZZ`, { headers: { "user-agent": BROWSER_UA } });
  expect(missing.status()).toBe(404);
  expect(await missing.text()).toContain("Link not found");

  // The click shows in analytics and on the post.
  await page.goto("/analytics");
  const card = page.getByTestId("link-clicks");
  await expect(card).toContainText("1 click on tracked links");
  await expect(card.getByRole("row").filter({ hasText: title })).toContainText("Sandbox");
  await page.goto(`/content/${contentId}`);
  await expect(page.getByTestId("link-clicks")).toContainText(title);
});

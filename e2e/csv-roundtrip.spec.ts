import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, guardContext, test } from "./fixtures";
import { parseCsvText } from "../lib/csv";
import { person, signUp, themeInPlace } from "./helpers";
import { createMastodonFake } from "../adapters/fakes/mastodon";

// Accounts are checked with their platform when added: the Mastodon ones talk to a loopback server.
const masto = createMastodonFake({ token: "csv-masto-token" });
test.beforeAll(async () => void (await masto.start()));
test.afterAll(async () => masto.close());

// Next month and a little after, so the times are ahead whatever day the suite runs.
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const LAUNCH = 'Big news, today!\nLine two has "quotes", commas, and ünïcödé — 日本語 🚀\n\nLast line.';
const THREAD = "Part one of the thread\n---\nPart two, with a comma\n---\n«Part three» ✅";

type Api = { get: (path: string) => Promise<any>; post: (path: string, data: unknown) => Promise<any>; put: (path: string, data: unknown) => Promise<any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

function client(request: APIRequestContext, origin: string): Api {
  const ok = async (r: Awaited<ReturnType<APIRequestContext["get"]>>) => {
    expect(r.status(), await r.text()).toBeLessThan(300);
    return r.json();
  };
  return {
    get: async (path) => ok(await request.get(path)),
    post: async (path, data) => ok(await request.post(path, { data, headers: { origin } })),
    put: async (path, data) => ok(await request.put(path, { data, headers: { origin } })),
  };
}

/** Axe in both themes, switched in place so the open wizard stays open. */
async function axe(page: Page) {
  for (const theme of ["light", "dark"] as const) {
    await themeInPlace(page, theme);
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
}

async function addAccounts(api: Api, list: [string, string][]) {
  const ids: Record<string, string> = {};
  for (const [platform, name] of list) {
    const [config, credentials] = platform === "mastodon" ? [{ api_base_url: masto.url }, { access_token: "csv-masto-token" }] : [{}, {}];
    ids[`${platform}:${name}`] = (await api.post("/api/v1/platform-accounts", { platform, name, config, credentials })).id;
  }
  return ids;
}

/** What a person compares after moving posts, read through the API: per title, body, type, tags, variants and times. */
async function snapshot(api: Api) {
  const accounts = new Map<string, string>((await api.get("/api/v1/platform-accounts")).items.map((a: { id: string; name: string }) => [a.id, a.name]));
  const out: Record<string, unknown> = {};
  for (const item of (await api.get("/api/v1/content?limit=100")).items) {
    const variants = (await api.get(`/api/v1/content/${item.id}/variants`)).items;
    const times = (await api.get(`/api/v1/schedules?content_item_id=${item.id}`)).items;
    out[item.title] = {
      content: item.content,
      type: item.content_type,
      tags: item.tags,
      variants: Object.fromEntries(
        variants.map((v: { platform: string; text: string | null; parts: string[] | null }) => [v.platform, { text: v.text, parts: v.parts }]),
      ),
      times: times
        .map(
          (s: { platform_id: string; platform_account_id: string; local_time: string; timezone: string }) =>
            `${s.platform_id}|${accounts.get(s.platform_account_id)}|${s.local_time}|${s.timezone}`,
        )
        .sort(),
    };
  }
  return out;
}

test("CSV round trip: the content list's export imports into an empty workspace through the wizard as it was", async ({ page, browser, baseURL }, info) => {
  test.slow(); // two sign-ups, an export and a checked import on a shared two-core machine
  await signUp(page, person(info, "exporter"));
  const a = client(page.request, baseURL!);
  const ids = await addAccounts(a, [
    ["sandbox", "Main"],
    ["sandbox", "Second"],
    ["mastodon", "Team"],
  ]);
  const schedule = (content_item_id: string, accounts: string[], time: string, timezone: string) =>
    a.post("/api/v1/schedules", { content_item_id, platform_account_ids: accounts.map((k) => ids[k]), scheduled_time: time, timezone });

  const launch = await a.post("/api/v1/content", { title: 'Launch, "big" day', content: LAUNCH, tags: ["launch", "news"] });
  await a.put(`/api/v1/content/${launch.id}/variants/mastodon`, { text: 'Mastodon text\nwith #tags, and "quotes"' });
  await schedule(launch.id, ["sandbox:Main", "mastodon:Team"], `${day(30)}T09:30`, "Europe/Berlin");
  await schedule(launch.id, ["sandbox:Second"], `${day(31)}T18:00`, "America/New_York");
  const thread = await a.post("/api/v1/content", { title: "A thread", content: THREAD, content_type: "thread", tags: ["thread"] });
  await a.put(`/api/v1/content/${thread.id}/variants/mastodon`, { parts: ["Toot one", "Toot two,\nstill two"] });
  await schedule(thread.id, ["mastodon:Team"], `${day(32)}T07:15`, "Asia/Tokyo");
  await a.post("/api/v1/content", { title: "@mention first", content: "=SUM(A1:A3)\n- a list", tags: ["draft"] });
  const before = await snapshot(a);
  expect(Object.keys(before)).toHaveLength(3);

  // Export through the content list's button: a real download.
  await page.goto("/content");
  await expect(page.getByTestId("content-row")).toHaveCount(3);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const records = parseCsvText(await readFile(file, "utf8")).map((r) => r.record);
  expect(records).toHaveLength(1 + 4); // the launch post has two times: two rows

  // A second person with a workspace of their own: the sandbox accounts under the same names, and
  // one Mastodon account under another name (the only one, so the import takes it).
  const ctx = await guardContext(
    await browser.newContext({ viewport: page.viewportSize() ?? undefined, isMobile: info.project.use.isMobile, hasTouch: info.project.use.hasTouch }),
  );
  const theirs = await ctx.newPage();
  await signUp(theirs, person(info, "importer"));
  const b = client(theirs.request, baseURL!);
  await addAccounts(b, [
    ["sandbox", "Main"],
    ["sandbox", "Second"],
    ["mastodon", "Elsewhere"],
  ]);
  expect(await snapshot(b)).toEqual({});

  await theirs.goto("/content");
  await theirs.getByRole("link", { name: "Import a CSV file" }).click();
  const wizard = theirs.getByRole("region", { name: "Import posts from a CSV file" });
  await wizard.getByLabel("CSV file").setInputFiles(file);
  await wizard.getByRole("button", { name: "Check file" }).click();
  await expect(wizard.getByTestId("import-summary")).toContainText("Checked 4 rows: 4 ready (4 schedules), 0 rows with errors");
  // The dry run says how the accounts of the other workspace were matched.
  const notes = wizard.getByRole("table", { name: "Rows imported differently" });
  await expect(notes).toContainText('mastodon:Team → "Elsewhere", the only mastodon account here');
  // The wizard works on a phone: nothing wider than the screen.
  expect(await theirs.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await axe(theirs);
  await wizard.getByRole("button", { name: "Import 3 posts" }).click();
  await expect(wizard.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await expect(wizard.getByTestId("import-summary")).toContainText("Imported 3 posts and 4 schedules");
  await expect(theirs.getByTestId("content-row")).toHaveCount(3);

  // Compared through the API: titles, bodies, types, tags, variants, accounts, local times and zones.
  const after = await snapshot(b);
  const rename = (t: string) => t.replace("|Team|", "|Elsewhere|");
  expect(after).toEqual(
    Object.fromEntries(Object.entries(before).map(([title, v]) => [title, { ...(v as object), times: (v as { times: string[] }).times.map(rename).sort() }])),
  );
  expect((after['Launch, "big" day'] as { times: string[] }).times).toEqual(
    [
      `mastodon|Elsewhere|${day(30)}T09:30|Europe/Berlin`,
      `sandbox|Main|${day(30)}T09:30|Europe/Berlin`,
      `sandbox|Second|${day(31)}T18:00|America/New_York`,
    ].sort(),
  );
  expect((after["@mention first"] as { content: string }).content).toBe("=SUM(A1:A3)\n- a list");

  // The same file a second time: the check recognises every row as a post already here, links to
  // it, offers nothing to import, and nothing is created.
  await wizard.getByRole("button", { name: "Import another file" }).click();
  await wizard.getByLabel("CSV file").setInputFiles(file);
  await expect(wizard.getByLabel("Also import rows that repeat a post already here")).not.toBeChecked();
  await wizard.getByRole("button", { name: "Check file" }).click();
  await expect(wizard.getByTestId("import-summary")).toContainText(
    "Checked 4 rows: 0 ready (0 schedules), 4 rows skipped (4 already in this workspace), 0 rows with errors",
  );
  await expect(notes.getByTestId("import-note-row")).toHaveCount(4);
  await expect(notes).toContainText("already in this workspace as “A thread”");
  await expect(notes).toContainText("— skipped");
  const open = notes.getByRole("link", { name: "Open “A thread”" });
  await expect(open).toHaveAttribute("href", /^\/content\/[0-9a-f-]{36}$/);
  await expect(wizard).toContainText("Nothing to import: every row is already in this workspace or left out");
  await expect(wizard.getByRole("button", { name: /^Import \d/ })).toHaveCount(0);
  expect(await theirs.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await theirs.screenshot({ path: `test-results/csv-repeat-${info.project.name}.png`, fullPage: true });
  await axe(theirs);
  expect(await snapshot(b)).toEqual(after);
  await open.click();
  await expect(theirs).toHaveURL(/\/content\/[0-9a-f-]{36}$/);
  await expect(theirs.getByLabel("Title", { exact: true })).toHaveValue("A thread");

  // The first person imports their own export again: every row is one of their posts, skipped.
  await page.goto("/content?import=1");
  const own = page.getByRole("region", { name: "Import posts from a CSV file" });
  await own.getByLabel("CSV file").setInputFiles(file);
  await own.getByRole("button", { name: "Check file" }).click();
  await expect(own.getByTestId("import-summary")).toContainText("Checked 4 rows: 0 ready (0 schedules), 4 rows skipped (4 already in this workspace)");
  await expect(own.getByRole("table", { name: "Rows imported differently" })).toContainText("already in this workspace — skipped");
  await expect(own.getByRole("button", { name: /^Import \d/ })).toHaveCount(0);
  expect(await snapshot(a)).toEqual(before);
  await ctx.close();
});

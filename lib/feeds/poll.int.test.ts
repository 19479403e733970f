import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { atom, jsonFeed, rss, startFeedServer, type FeedItem, type FeedServer } from "@/scripts/test/feed-server";
import { contentItems, contentVersions, feedItems, feeds, platformAccounts, publishingEvents, schedules } from "@/db/schema";
import { updateApprovalPolicy } from "@/db/queries/approval-policy";
import { createFeed } from "./manage";
import { feedDeps } from "./deps";
import { backoffMinutes, pollDueFeeds, pollFeed } from "./poll";
import { feedCreateSchema } from "./validation";

const ref = withTestDatabase();
let srv: FeedServer;
let W: Awaited<ReturnType<typeof makeWorkspace>>;
const deps = feedDeps({ allowPrivate: true, timeoutMs: 5_000 });
const db = () => ref.current.db;

const entry = (n: number, extra: Partial<FeedItem> = {}): FeedItem => ({
  id: `urn:item:${n}`,
  title: `Post number ${n}`,
  link: `https://blog.example/posts/${n}`,
  html: `<p>Body <b>${n}</b> &amp; more <script>alert(1)</script></p>`,
  published: new Date(Date.UTC(2030, 0, n)).toISOString(),
  ...extra,
});

async function newFeed(path: string, over: Record<string, unknown> = {}) {
  const input = feedCreateSchema.parse({
    url: `${srv.url}${path}`,
    platform_account_ids: [],
    mode: "draft",
    template: "{{title}} — {{summary}} {{link}} #blog",
    ...over,
  });
  return createFeed(db(), W.actors.editor, input, deps);
}
const postsOf = (feedId: string) =>
  db()
    .select()
    .from(contentItems)
    .where(and(eq(contentItems.workspaceId, W.workspace.id), eq(contentItems.sourceType, "feed")))
    .then((rows) => rows.filter((r) => r.sourceReference?.startsWith(`feed:${feedId}:`)));
const row = async (id: string) => (await db().select().from(feeds).where(eq(feeds.id, id)))[0]!;

beforeAll(async () => {
  srv = await startFeedServer();
  W = await makeWorkspace(db());
});
afterAll(() => srv.close());

describe("polling a feed", () => {
  it("RSS: the first poll marks existing items seen; a new item becomes one draft; a 304 changes nothing but the check time", async () => {
    srv.routes.set("/rss", { body: rss([entry(2), entry(1)]), etag: '"v1"' });
    const feed = await newFeed("/rss");
    const t0 = new Date();
    const first = await pollFeed(db(), W.workspace.id, feed.id, deps, t0);
    expect(first).toMatchObject({ status: "ok", first_poll: true, new_items: 2, marked_seen: 2, drafts: 0, queued: 0 });
    expect(await postsOf(feed.id)).toHaveLength(0);

    srv.routes.set("/rss", { body: rss([entry(3), entry(2), entry(1)]), etag: '"v2"' });
    const second = await pollFeed(db(), W.workspace.id, feed.id, deps);
    expect(second).toMatchObject({ status: "ok", first_poll: false, new_items: 1, drafts: 1, marked_seen: 0 });
    // The request carried the validator of the first answer.
    expect(srv.requests.at(-1)!.headers["if-none-match"]).toBe('"v1"');
    const [post] = await postsOf(feed.id);
    expect(post).toMatchObject({ title: "Post number 3", status: "draft", sourceType: "feed" });
    expect(post!.content).toBe("Post number 3 — Body 3 & more https://blog.example/posts/3 #blog");
    expect(post!.content).not.toMatch(/<|alert/);
    expect(post!.sourceReference).toBe(`feed:${feed.id}:item:${second.created[0]!.feed_item_id}`);
    // Machine-made: the version is the system's, which every approval policy covers.
    const [version] = await db().select().from(contentVersions).where(eq(contentVersions.contentItemId, post!.id));
    expect(version!.actorRole).toBe("system");
    const [event] = await db()
      .select()
      .from(publishingEvents)
      .where(and(eq(publishingEvents.workspaceId, W.workspace.id), eq(publishingEvents.type, "feed_item_created")));
    expect(event!.data).toMatchObject({ feed_id: feed.id, content_item_id: post!.id, outcome: "draft" });

    const before = await row(feed.id);
    const checkAt = new Date(Date.now() + 60_000);
    const third = await pollFeed(db(), W.workspace.id, feed.id, deps, checkAt);
    expect(third.status).toBe("not_modified");
    expect(srv.requests.at(-1)!.headers["if-none-match"]).toBe('"v2"');
    const after = await row(feed.id);
    expect(after.lastCheckedAt!.getTime()).toBe(checkAt.getTime());
    expect(after.lastStatus).toBe("not_modified");
    expect(after.etag).toBe(before.etag);
    expect(await postsOf(feed.id)).toHaveLength(1);
  });

  it("dedupes across restarts: without stored validators, and with two polls at once, an item still becomes one post", async () => {
    srv.routes.set("/dedup", { body: rss([entry(1)]) });
    const feed = await newFeed("/dedup");
    await pollFeed(db(), W.workspace.id, feed.id, deps);
    srv.routes.set("/dedup", { body: rss([entry(2), entry(1)]) });
    const [a, b] = await Promise.all([pollFeed(db(), W.workspace.id, feed.id, deps), pollFeed(db(), W.workspace.id, feed.id, deps)]);
    expect(a.drafts + b.drafts).toBe(1);
    // A new process: no validators kept, the whole feed read again.
    await db().update(feeds).set({ etag: null, lastModified: null }).where(eq(feeds.id, feed.id));
    const again = await pollFeed(db(), W.workspace.id, feed.id, deps);
    expect(again).toMatchObject({ status: "ok", new_items: 0, drafts: 0 });
    expect(await postsOf(feed.id)).toHaveLength(1);
    expect(await db().select().from(feedItems).where(eq(feedItems.feedId, feed.id))).toHaveLength(2);
  });

  it("Atom and JSON Feed, with first_poll newest: the newest item is posted at once, HTML stripped", async () => {
    srv.routes.set("/atom", { body: atom([entry(1), entry(5), entry(4)]), headers: { "content-type": "application/atom+xml" } });
    srv.routes.set("/json", { body: jsonFeed([entry(7), entry(6)]), headers: { "content-type": "application/feed+json" } });
    for (const [path, newest] of [
      ["/atom", 5],
      ["/json", 7],
    ] as const) {
      const feed = await newFeed(path, { first_poll: "newest", template: "{{summary}}" });
      const r = await pollFeed(db(), W.workspace.id, feed.id, deps);
      expect(r).toMatchObject({ status: "ok", first_poll: true, drafts: 1 });
      expect(r.marked_seen).toBe(r.new_items - 1);
      const posts = await postsOf(feed.id);
      expect(posts.map((p) => [p.title, p.content])).toEqual([[`Post number ${newest}`, `Body ${newest} & more`]]);
    }
  });

  it("reads a feed in the encoding it declares (ISO-8859-1 here), so accents reach the post intact", async () => {
    const xml = rss([entry(1, { title: "Café à Zürich", html: "<p>Grüße aus Köln</p>" })]).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    srv.routes.set("/latin1", { body: Buffer.from(xml, "latin1"), headers: { "content-type": "application/rss+xml" } });
    const feed = await newFeed("/latin1", { first_poll: "newest", template: "{{title}}: {{summary}}" });
    expect(await pollFeed(db(), W.workspace.id, feed.id, deps)).toMatchObject({ status: "ok", drafts: 1 });
    expect((await postsOf(feed.id)).map((p) => p.content)).toEqual(["Café à Zürich: Grüße aus Köln"]);
  });

  it("follows a redirect, checking each hop; a body over the cap and a malformed feed are errors", async () => {
    srv.routes.set("/old", { status: 301, headers: { location: "/rss-moved" } });
    srv.routes.set("/rss-moved", { body: rss([entry(1)]) });
    const feed = await newFeed("/old");
    expect((await pollFeed(db(), W.workspace.id, feed.id, deps)).status).toBe("ok");
    expect(srv.requests.slice(-2).map((r) => r.path)).toEqual(["/old", "/rss-moved"]);

    srv.routes.set("/loop", { status: 302, headers: { location: "/loop" } });
    const loop = await newFeed("/loop");
    expect((await pollFeed(db(), W.workspace.id, loop.id, deps)).error).toMatch(/More than 5 redirects/);

    srv.routes.set("/big", { body: rss(Array.from({ length: 40 }, (_, i) => entry(i + 1))) });
    const big = await newFeed("/big");
    expect((await pollFeed(db(), W.workspace.id, big.id, { ...deps, maxBytes: 2000 })).error).toMatch(/larger than/);
    expect((await pollFeed(db(), W.workspace.id, big.id, deps)).status).toBe("ok");

    srv.routes.set("/broken", { body: "<rss><channel><item><title>oops" });
    const broken = await newFeed("/broken");
    const r = await pollFeed(db(), W.workspace.id, broken.id, deps);
    expect(r.status).toBe("error");
    expect(r.error).toMatch(/Not a feed/);
    expect((await row(broken.id)).lastError).toBe(r.error);
  });

  it("backs off exponentially after failures (capped), says feed_failed once per run of failures, and recovers", async () => {
    expect([0, 1, 2, 3].map((n) => backoffMinutes(60, n))).toEqual([60, 120, 240, 480]);
    expect(backoffMinutes(60, 10)).toBe(24 * 60);
    srv.routes.set("/flaky", { status: 503, body: "down" });
    const feed = await newFeed("/flaky", { poll_interval_minutes: 30 });
    const t = new Date("2031-01-01T00:00:00Z");
    const one = await pollFeed(db(), W.workspace.id, feed.id, deps, t);
    expect(one.error).toMatch(/HTTP 503/);
    expect((await row(feed.id)).nextCheckAt.getTime()).toBe(t.getTime() + 60 * 60_000);
    await pollFeed(db(), W.workspace.id, feed.id, deps, t);
    const two = await row(feed.id);
    expect(two.consecutiveFailures).toBe(2);
    expect(two.nextCheckAt.getTime()).toBe(t.getTime() + 120 * 60_000);
    const failed = await db()
      .select()
      .from(publishingEvents)
      .where(and(eq(publishingEvents.workspaceId, W.workspace.id), eq(publishingEvents.type, "feed_failed")));
    expect(failed.filter((e) => (e.data as { feed_id: string }).feed_id === feed.id)).toHaveLength(1);

    srv.routes.set("/flaky", { body: rss([entry(1)]) });
    await pollFeed(db(), W.workspace.id, feed.id, deps, t);
    const ok = await row(feed.id);
    expect(ok).toMatchObject({ consecutiveFailures: 0, lastError: null, lastStatus: "ok" });
    expect(ok.nextCheckAt.getTime()).toBe(t.getTime() + 30 * 60_000);
  });

  it("refuses private addresses without the setting: when saved, and when fetched (a name that turned private)", async () => {
    const strict = feedDeps({ allowPrivate: false });
    const input = feedCreateSchema.parse({ url: `${srv.url}/rss`, platform_account_ids: [], mode: "draft" });
    await expect(createFeed(db(), W.actors.editor, input, strict)).rejects.toMatchObject({ code: "bad_request:private_address" });
    srv.routes.set("/private", { body: rss([entry(1)]) });
    const feed = await newFeed("/private");
    const before = srv.requests.length;
    const r = await pollFeed(db(), W.workspace.id, feed.id, strict);
    expect(r.error).toMatch(/private network address/);
    expect(srv.requests.length).toBe(before);
  });

  it("mode queue puts each new item into the account's queue; under required approval it waits unapproved, never published", async () => {
    const [acct] = await db()
      .insert(platformAccounts)
      .values({
        workspaceId: W.workspace.id,
        platform: "mastodon",
        name: "Toots",
        postingSlots: { timezone: "UTC", slots: [{ days: [0, 1, 2, 3, 4, 5, 6], times: ["09:00", "17:00"] }] },
      })
      .returning();
    await updateApprovalPolicy(db(), W.workspace.id, { approvalPolicy: "required_for_all" });
    srv.routes.set("/queue", { body: rss([entry(1)]) });
    const feed = await newFeed("/queue", { mode: "queue", platform_account_ids: [acct!.id] });
    await pollFeed(db(), W.workspace.id, feed.id, deps);
    srv.routes.set("/queue", { body: rss([entry(3), entry(2), entry(1)]) });
    const r = await pollFeed(db(), W.workspace.id, feed.id, deps);
    expect(r).toMatchObject({ queued: 2, drafts: 0 });
    const made = await db().select().from(schedules).where(eq(schedules.platformAccountId, acct!.id));
    expect(made).toHaveLength(2);
    expect(made.every((s) => s.publishStatus === "pending")).toBe(true);
    // Oldest item first in the queue, as the feed published them.
    const byTime = [...made].sort((a, b) => a.scheduledTime.getTime() - b.scheduledTime.getTime());
    const titles = await Promise.all(byTime.map(async (s) => (await db().select().from(contentItems).where(eq(contentItems.id, s.contentItemId)))[0]!.title));
    expect(titles).toEqual(["Post number 2", "Post number 3"]);
    await updateApprovalPolicy(db(), W.workspace.id, { approvalPolicy: "off" });
  });

  it("the job polls due active feeds only", async () => {
    srv.routes.set("/due", { body: rss([entry(1)]) });
    const due = await newFeed("/due");
    const later = await newFeed("/due");
    const paused = await newFeed("/due", { active: false });
    const far = new Date(Date.now() + 3_600_000);
    await db()
      .update(feeds)
      .set({ nextCheckAt: new Date(Date.now() + 86_400_000) });
    await db()
      .update(feeds)
      .set({ nextCheckAt: new Date(0) })
      .where(eq(feeds.id, due.id));
    await db()
      .update(feeds)
      .set({ nextCheckAt: new Date(0) })
      .where(eq(feeds.id, paused.id));
    expect(await pollDueFeeds(db(), deps, far)).toBe(1);
    expect((await row(due.id)).lastStatus).toBe("ok");
    expect((await row(later.id)).lastCheckedAt).toBeNull();
    expect((await row(paused.id)).lastCheckedAt).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { and, eq } from "drizzle-orm";
import { getTableColumns } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { makeAccount, makeDue, makeRetriesDue, scheduleRow, testDispatcher } from "@/scripts/test/publishing";
import { auditLog, contentItems, contentVariants, linkClicks, sandboxPosts, trackedLinks } from "@/db/schema";
import { faults, FakePlatform, idFactory } from "@/adapters/fakes/server";
import type { PlatformAdapter } from "@/adapters/adapter";
import { adapter as webhook } from "@/adapters/webhook";
import { send } from "@/adapters/http";
import { adaptersFor } from "@/adapters/runtime";
import type { Db } from "@/db/client";
import { getContentRow } from "@/db/queries/content";
import { validateItemFor } from "@/lib/content/draft";
import * as workspaceRoute from "@/app/api/v1/workspace/route";
import * as clicksRoute from "@/app/api/v1/analytics/links/route";
import * as contentRoute from "@/app/api/v1/content/[id]/route";
import * as shortLink from "@/app/l/[code]/route";
import { linkBaseUrl } from ".";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

/** A platform without keys whose lookup compares texts: a changed short code would post twice. */
const plain = new FakePlatform("plain-links");
const plainPosts: { id: string; text: string }[] = [];
const nextId = idFactory("pl_");
plain.route("POST", "/posts", (req) => {
  const post = { id: nextId(), text: (req.body as { text: string }).text };
  plainPosts.push(post);
  return { status: 201, json: post };
});
plain.route("GET", "/posts", (req) => ({ status: 200, json: plainPosts.filter((p) => p.text === req.query.get("text")) }));
const plainAdapter: PlatformAdapter = {
  ...webhook,
  descriptor: { ...webhook.descriptor, supportsIdempotency: false },
  async publish(ctx, post) {
    const res = await send<{ id: string }>(ctx, { method: "POST", path: "/posts", json: { text: post.text } });
    return { platformPostId: res.data.id, url: null };
  },
  async findExisting(ctx, post) {
    const res = await send<{ id: string }[]>(ctx, { path: "/posts", query: { text: post.text } });
    return res.data[0] ? { platformPostId: res.data[0].id, url: null } : null;
  },
};

let W: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let other: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;

beforeAll(async () => {
  await plain.start();
  W = await makeWorkspaceWithTokens(db());
  other = await makeWorkspaceWithTokens(db());
});
afterAll(() => plain.close());

async function enable(token: string, link_tracking: Record<string, unknown> = { enabled: true }) {
  return call(workspaceRoute.PATCH, { method: "PATCH", token, body: { link_tracking } });
}

function follow(code: string, opts: { method?: string; ua?: string | null } = {}) {
  const headers: Record<string, string> = {};
  if (opts.ua !== null) headers["user-agent"] = opts.ua ?? BROWSER;
  const req = new NextRequest(new URL(`/l/${code}`, "http://localhost:3000"), { method: opts.method ?? "GET", headers });
  return shortLink.GET(req, { params: Promise.resolve({ code }) });
}

const linksOf = (scheduleId: string) => db().select().from(trackedLinks).where(eq(trackedLinks.scheduleId, scheduleId)).orderBy(trackedLinks.url);
const clicksOf = (linkId: string) => db().select().from(linkClicks).where(eq(linkClicks.linkId, linkId));

describe("link tracking settings", () => {
  it("are off by default, shown with the short-link base, changed by admins only, audited", async () => {
    const got = await call(workspaceRoute.GET, { token: W.tokens.viewer });
    expect(got.json!.link_tracking).toEqual({
      enabled: false,
      utm_source: "{platform}",
      utm_medium: "social",
      utm_campaign: "{campaign}",
      utm_content: "",
      short_link_base: `${linkBaseUrl()}/l/`,
      base_is_local: true,
    });
    expect((await enable(W.tokens.editor)).status).toBe(403);
    const bad = await enable(W.tokens.admin, { enabled: true, utm_campaign: "{nope}" });
    expect(bad.status).toBe(400);
    expect(bad.json!.error.message).toMatch(/placeholders/);
    expect((await enable(W.tokens.admin, {})).status).toBe(400);
    expect((await call(workspaceRoute.PATCH, { method: "PATCH", token: W.tokens.admin, body: { link_tracking: { enabled: true, x: 1 } } })).status).toBe(400);
    // Nothing of a refused change was kept.
    expect((await call(workspaceRoute.GET, { token: W.tokens.viewer })).json!.link_tracking.enabled).toBe(false);

    const ok = await enable(W.tokens.admin, { enabled: true, utm_medium: "social", utm_content: "{title}" });
    expect(ok.status).toBe(200);
    expect(ok.json!.link_tracking).toMatchObject({ enabled: true, utm_content: "{title}", utm_source: "{platform}" });
    // The approval policy next to it is untouched.
    expect(ok.json!.approval_policy).toBe(got.json!.approval_policy);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, W.workspace.id), eq(auditLog.action, "workspace.link_tracking")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ enabled: true, utm_content: "{title}" });
    expect(audit[0]!.before).toMatchObject({ enabled: false });
  });
});

describe("publishing with tracked links", () => {
  it("rewrites each http(s) link to a short link whose target carries the platform's UTM parameters", async () => {
    const accountId = await makeAccount(db(), W.workspace.id, "sandbox");
    const text =
      "New: https://shop.example/a?x=1#top and https://blog.example/p?utm_source=newsletter. " +
      `Already short: ${linkBaseUrl()}/l/AAAAAAAAAA; mail mailto:hi@shop.example; bare shop.example/c`;
    const due = await makeDue(db(), W.workspace.id, accountId, "sandbox", { text, title: "Spring Sale" });
    await db()
      .update(contentItems)
      .set({ tags: ["promo"] })
      .where(eq(contentItems.id, due.contentId));
    await testDispatcher(db()).drain();
    expect((await scheduleRow(db(), due.scheduleId)).publishStatus).toBe("published");

    const links = await linksOf(due.scheduleId);
    expect(links.map((l) => [l.url, l.targetUrl])).toEqual([
      [
        "https://blog.example/p?utm_source=newsletter",
        "https://blog.example/p?utm_source=newsletter&utm_medium=social&utm_campaign=promo&utm_content=spring-sale",
      ],
      ["https://shop.example/a?x=1#top", "https://shop.example/a?x=1&utm_source=sandbox&utm_medium=social&utm_campaign=promo&utm_content=spring-sale#top"],
    ]);
    const [post] = await db().select().from(sandboxPosts).where(eq(sandboxPosts.platformAccountId, accountId));
    const short = (url: string) => `${linkBaseUrl()}/l/${links.find((l) => l.url === url)!.code}`;
    expect(post!.text).toBe(
      `New: ${short("https://shop.example/a?x=1#top")} and ${short("https://blog.example/p?utm_source=newsletter")}. ` +
        `Already short: ${linkBaseUrl()}/l/AAAAAAAAAA; mail mailto:hi@shop.example; bare shop.example/c`,
    );
  });

  it("a post opts out, or sets its campaign and overrides the author's utm_ parameters", async () => {
    const accountId = await makeAccount(db(), W.workspace.id, "sandbox");
    const out = await makeDue(db(), W.workspace.id, accountId, "sandbox", { text: "Skip https://shop.example/skip" });
    await db()
      .update(contentItems)
      .set({ linkTracking: { enabled: false } })
      .where(eq(contentItems.id, out.contentId));
    const own = await makeDue(db(), W.workspace.id, accountId, "sandbox", { text: "Own https://shop.example/own?utm_source=mine", title: "T" });
    const patched = await call(contentRoute.PATCH, {
      method: "PATCH",
      token: W.tokens.editor,
      params: { id: own.contentId },
      body: { link_tracking: { utm_campaign: "launch", override_existing: true } },
    });
    expect(patched.status).toBe(200);
    expect(patched.json!.link_tracking).toEqual({ utm_campaign: "launch", override_existing: true });
    const refused = await call(contentRoute.PATCH, {
      method: "PATCH",
      token: W.tokens.editor,
      params: { id: own.contentId },
      body: { link_tracking: { enabled: "no" } },
    });
    expect(refused.status).toBe(400);
    await testDispatcher(db()).drain();

    expect(await linksOf(out.scheduleId)).toEqual([]);
    const posts = await db().select().from(sandboxPosts).where(eq(sandboxPosts.platformAccountId, accountId));
    expect(posts.map((p) => p.text)).toContain("Skip https://shop.example/skip");
    const [link] = await linksOf(own.scheduleId);
    expect(link!.targetUrl).toBe("https://shop.example/own?utm_source=sandbox&utm_medium=social&utm_campaign=launch&utm_content=t");
  });

  it("a retry after a lost answer sends the same short links, so the post is found and not sent twice", async () => {
    const accountId = await makeAccount(db(), W.workspace.id, "webhook", { config: { api_base_url: plain.url }, credentials: { secret: "s" } });
    const due = await makeDue(db(), W.workspace.id, accountId, "webhook", { text: "Lost answer https://shop.example/lost" });
    plain.inject(faults.loseResponse());
    const base = adaptersFor(db());
    const adapters = (p: Parameters<typeof base>[0]) => (p === "webhook" ? plainAdapter : base(p));
    const { drain } = testDispatcher(db(), { engine: { adapters } });
    await drain();
    expect((await scheduleRow(db(), due.scheduleId)).errorCode).toBe("unknown_outcome");
    await makeRetriesDue(db(), accountId);
    await drain();
    const row = await scheduleRow(db(), due.scheduleId);
    expect(row.publishStatus).toBe("published");
    const sent = plainPosts.filter((p) => p.text.startsWith("Lost answer"));
    expect(sent).toHaveLength(1);
    const links = await linksOf(due.scheduleId);
    expect(links).toHaveLength(1);
    expect(sent[0]!.text).toBe(`Lost answer ${linkBaseUrl()}/l/${links[0]!.code}`);
  });

  it("links in the first comment are shortened and tracked too, the same on every retry of the comment", async () => {
    const accountId = await makeAccount(db(), W.workspace.id, "sandbox");
    const due = await makeDue(db(), W.workspace.id, accountId, "sandbox", { text: "Our launch post", title: "Launch" });
    await db().insert(contentVariants).values({ contentItemId: due.contentId, platform: "sandbox", firstComment: "Read more: https://shop.example/launch" });
    await testDispatcher(db()).drain();
    const row = await scheduleRow(db(), due.scheduleId);
    expect(row.publishStatus).toBe("published");
    const links = await linksOf(due.scheduleId);
    expect(links.map((l) => l.url)).toEqual(["https://shop.example/launch"]);
    expect(links[0]!.targetUrl).toContain("utm_source=sandbox");
    const short = `${linkBaseUrl()}/l/${links[0]!.code}`;
    const [reply] = await db()
      .select()
      .from(sandboxPosts)
      .where(and(eq(sandboxPosts.platformAccountId, accountId), eq(sandboxPosts.replyToId, row.platformPostId!)));
    expect(reply!.text).toBe(`Read more: ${short}`);
    // The outbox keeps the words as sent, so a retry of the comment sends the same short link.
    expect((row.firstComment as { text: string }).text).toBe(`Read more: ${short}`);
  });

  it("validation counts the short link, not the long one, while tracking is on", async () => {
    const long = `https://shop.example/${"p".repeat(120)}`;
    const [item] = await db()
      .insert(contentItems)
      .values({ workspaceId: W.workspace.id, title: "Long link", content: `${"a".repeat(250)} ${long}` })
      .returning({ id: contentItems.id });
    const row = (await getContentRow(db(), W.workspace.id, item!.id))!;
    expect((await validateItemFor(db(), W.workspace.id, row, ["bluesky"])).filter((i) => i.severity === "error")).toEqual([]);
    await db()
      .update(contentItems)
      .set({ linkTracking: { enabled: false } })
      .where(eq(contentItems.id, item!.id));
    const optedOut = (await getContentRow(db(), W.workspace.id, item!.id))!;
    expect((await validateItemFor(db(), W.workspace.id, optedOut, ["bluesky"])).map((i) => i.code)).toContain("text_too_long");
  });
});

describe("GET /l/{code}", () => {
  it("redirects with 302; counts browser GETs per day, not bots, previews, HEAD or requests without a user agent", async () => {
    const accountId = await makeAccount(db(), W.workspace.id, "sandbox");
    const due = await makeDue(db(), W.workspace.id, accountId, "sandbox", { text: "Click https://shop.example/click" });
    await testDispatcher(db()).drain();
    const [link] = await linksOf(due.scheduleId);

    const res = await follow(link!.code);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(link!.targetUrl);
    expect(res.headers.get("set-cookie")).toBeNull();
    await follow(link!.code);
    for (const ua of ["Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "Twitterbot/1.0", "facebookexternalhit/1.1", "curl/8.5.0"]) {
      expect((await follow(link!.code, { ua })).status).toBe(302);
    }
    expect((await follow(link!.code, { ua: null })).status).toBe(302);
    const head = await shortLink.HEAD(
      new NextRequest(new URL(`/l/${link!.code}`, "http://localhost:3000"), { method: "HEAD", headers: { "user-agent": BROWSER } }),
      {
        params: Promise.resolve({ code: link!.code }),
      },
    );
    expect(head.status).toBe(302);

    const counted = await clicksOf(link!.id);
    expect(counted).toEqual([{ linkId: link!.id, day: new Date().toISOString().slice(0, 10), clicks: 2 }]);
  });

  it("answers an unknown or malformed code with a 404 page", async () => {
    for (const code of ["ZZZZZZZZZZ", "short", "../../etc"]) {
      const res = await follow(code);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/text\/html/);
      expect(await res.text()).toMatch(/Link not found/);
    }
  });

  it("stores no personal data: the counters hold a link, a day and a number", () => {
    expect(Object.keys(getTableColumns(linkClicks)).sort()).toEqual(["clicks", "day", "linkId"]);
    expect(Object.keys(getTableColumns(trackedLinks)).sort()).toEqual([
      "code",
      "contentItemId",
      "createdAt",
      "id",
      "platformId",
      "scheduleId",
      "targetUrl",
      "url",
      "workspaceId",
    ]);
  });
});

describe("GET /analytics/links", () => {
  it("lists clicks per post, platform and day, the workspace's own only, and refuses bad ranges", async () => {
    const accountId = await makeAccount(db(), W.workspace.id, "sandbox");
    const due = await makeDue(db(), W.workspace.id, accountId, "sandbox", { text: "Report https://shop.example/report", title: "Report post" });
    await testDispatcher(db()).drain();
    const [link] = await linksOf(due.scheduleId);
    await follow(link!.code);
    await follow(link!.code);
    await follow(link!.code);

    const today = new Date().toISOString().slice(0, 10);
    const all = await call(clicksRoute.GET, { token: W.tokens.viewer, path: "/api/v1/analytics/links" });
    expect(all.status).toBe(200);
    expect(all.json!.rows).toContainEqual({ content_id: due.contentId, title: "Report post", platform: "sandbox", day: today, clicks: 3 });
    expect(all.json!.links).toBeNull();

    const one = await call(clicksRoute.GET, { token: W.tokens.viewer, path: `/api/v1/analytics/links?content_id=${due.contentId}` });
    expect(one.json!.total).toBe(3);
    expect(one.json!.links).toEqual([{ code: link!.code, platform: "sandbox", url: "https://shop.example/report", target_url: link!.targetUrl, clicks: 3 }]);

    const theirs = await call(clicksRoute.GET, { token: other.tokens.admin, path: `/api/v1/analytics/links?content_id=${due.contentId}` });
    expect(theirs.json!).toMatchObject({ total: 0, rows: [], links: [] });

    for (const q of ["from=yesterday", "from=2026-05-02&to=2026-05-01", "from=2020-01-01&to=2026-01-01", "content_id=nope", "extra=1"]) {
      const res = await call(clicksRoute.GET, { token: W.tokens.viewer, path: `/api/v1/analytics/links?${q}` });
      expect(res.status, q).toBe(400);
    }
    expect((await call(clicksRoute.GET, { path: "/api/v1/analytics/links" })).status).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { rss, startFeedServer, type FeedServer } from "@/scripts/test/feed-server";
import { auditLog, feeds, platformAccounts } from "@/db/schema";
import { getConfig } from "@/lib/config";
import * as list from "./feeds/route";
import * as byId from "./feeds/[id]/route";
import * as poll from "./feeds/[id]/poll/route";
import * as items from "./feeds/[id]/items/route";
import * as content from "./content/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let B: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let srv: FeedServer;
let account: string;
// A public address (TEST-NET-3) that needs no DNS; nothing is fetched from it here.
const PUBLIC = "https://203.0.113.10/feed.xml";
const item = (n: number) => ({
  id: `n${n}`,
  title: `Item ${n}`,
  link: `https://blog.example/${n}`,
  html: `<p>Text ${n}</p>`,
  published: `2030-01-0${n}T00:00:00Z`,
});

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  B = await makeWorkspaceWithTokens(ref.current.db);
  srv = await startFeedServer();
  const [a] = await ref.current.db.insert(platformAccounts).values({ workspaceId: A.workspace.id, platform: "mastodon", name: "Toots" }).returning();
  account = a!.id;
});
afterAll(() => srv.close());

const rowCount = async () => (await ref.current.db.select().from(feeds)).length;

describe("feeds API", () => {
  it("editors create, read, change and delete feeds; each change writes an audit row; viewers read only", async () => {
    const made = await call(list.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { url: PUBLIC, platform_account_ids: [account], mode: "draft", template: "{{title}} {{link}}" },
    });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({
      url: PUBLIC,
      name: "203.0.113.10",
      mode: "draft",
      poll_interval_minutes: 60,
      first_poll: "mark_seen",
      status: "new",
      items_seen: 0,
      primed: false,
    });
    const id = made.json!.id as string;
    expect((await call(list.GET, { token: A.tokens.viewer })).json!.items).toEqual([expect.objectContaining({ id })]);
    expect((await call(list.GET, { token: B.tokens.admin })).json!.items).toEqual([]);
    expect((await call(byId.GET, { token: B.tokens.admin, params: { id } })).status).toBe(404);
    const patched = await call(byId.PATCH, {
      method: "PATCH",
      token: A.tokens.editor,
      params: { id },
      body: { name: "Blog", poll_interval_minutes: 15, mode: "queue" },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ name: "Blog", poll_interval_minutes: 15, mode: "queue" });
    for (const req of [
      () => call(list.POST, { method: "POST", token: A.tokens.viewer, body: { url: PUBLIC, platform_account_ids: [], mode: "draft", template: "x" } }),
      () => call(byId.PATCH, { method: "PATCH", token: A.tokens.viewer, params: { id }, body: { name: "no" } }),
      () => call(byId.DELETE, { method: "DELETE", token: A.tokens.viewer, params: { id } }),
      () => call(poll.POST, { method: "POST", token: A.tokens.viewer, params: { id } }),
    ])
      expect((await req()).status).toBe(403);
    expect((await call(byId.GET, { token: A.tokens.viewer, params: { id } })).json).toMatchObject({ name: "Blog" });
    expect((await call(byId.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id } })).status).toBe(204);
    expect((await call(byId.GET, { token: A.tokens.editor, params: { id } })).status).toBe(404);
    const audit = await ref.current.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.map((a) => a.action).sort()).toEqual(["feed.create", "feed.delete", "feed.update"]);
  });

  it("answers bad input with a clear 4xx and stores nothing", async () => {
    const before = await rowCount();
    const base = { url: PUBLIC, platform_account_ids: [], mode: "draft", template: "{{title}}" };
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ ...base, url: "not a url" }, 400, /valid URL/],
      [{ ...base, url: "ftp://203.0.113.10/x" }, 400, /http/],
      [{ ...base, url: "http://127.0.0.1:9/feed" }, 400, /private network/],
      [{ ...base, url: "http://169.254.169.254/latest" }, 400, /private network/],
      [{ ...base, mode: "queue" }, 400, /at least one platform account/],
      [{ ...base, mode: "publish" }, 400, /mode must be one of/],
      [{ ...base, poll_interval_minutes: 1 }, 400, /at least 5/],
      [{ ...base, poll_interval_minutes: 100000 }, 400, /at most 1440/],
      [{ ...base, template: "   " }, 400, /template cannot be empty/],
      [{ ...base, extra: 1 }, 400, /extra/],
      [{ ...base, platform_account_ids: ["00000000-0000-4000-8000-000000000009"] }, 404, /platform account not found/],
      [{ ...base, platform_account_ids: ["x"] }, 400, /must be ids/],
    ];
    for (const [body, status, message] of cases) {
      const r = await call(list.POST, { method: "POST", token: A.tokens.editor, body });
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.json!.error.message).toMatch(message);
    }
    expect(await rowCount()).toBe(before);
    const id = (await call(list.POST, { method: "POST", token: A.tokens.editor, body: base })).json!.id as string;
    const bad = await call(byId.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id }, body: { mode: "queue" } });
    expect(bad.status).toBe(400);
    expect((await call(byId.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id }, body: {} })).status).toBe(400);
    expect((await call(byId.GET, { token: A.tokens.editor, params: { id } })).json).toMatchObject({ mode: "draft" });
    expect((await call(poll.POST, { method: "POST", token: A.tokens.editor, params: { id: "nope" } })).status).toBe(404);
  });

  it("Poll now: says what it did, the new draft shows in the content list, and an error is a result stored on the feed", async () => {
    const config = getConfig();
    const saved = config.feedsAllowPrivate;
    config.feedsAllowPrivate = true;
    try {
      srv.routes.set("/api-feed", { body: rss([item(1)]) });
      const id = (
        await call(list.POST, {
          method: "POST",
          token: A.tokens.editor,
          body: { url: `${srv.url}/api-feed`, platform_account_ids: [account], mode: "draft", template: "{{title}}: {{link}}" },
        })
      ).json!.id as string;
      const first = await call(poll.POST, { method: "POST", token: A.tokens.editor, params: { id } });
      expect(first.status).toBe(200);
      expect(first.json!.result).toMatchObject({ status: "ok", first_poll: true, new_items: 1, marked_seen: 1, drafts: 0 });
      expect(first.json!.feed).toMatchObject({ status: "ok", primed: true, items_seen: 1, last_error: null });
      srv.routes.set("/api-feed", { body: rss([item(2), item(1)]) });
      const second = await call(poll.POST, { method: "POST", token: A.tokens.editor, params: { id } });
      expect(second.json!.result).toMatchObject({ status: "ok", new_items: 1, drafts: 1 });
      const contentId = (second.json!.result as { created: { content_item_id: string }[] }).created[0]!.content_item_id;
      const listed = await call(content.GET, { token: A.tokens.viewer, path: "/api/v1/content?status=draft" });
      expect(listed.json!.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: contentId, title: "Item 2", content: "Item 2: https://blog.example/2" })]),
      );
      const seen = await call(items.GET, { token: A.tokens.viewer, params: { id } });
      expect((seen.json!.items as { outcome: string }[]).map((i) => i.outcome).sort()).toEqual(["draft", "seen"]);

      srv.routes.set("/api-feed", { status: 500, body: "boom" });
      const failed = await call(poll.POST, { method: "POST", token: A.tokens.editor, params: { id } });
      expect(failed.status).toBe(200);
      expect(failed.json!.result).toMatchObject({ status: "error", error: expect.stringMatching(/HTTP 500/) });
      expect(failed.json!.feed).toMatchObject({ status: "error", consecutive_failures: 1, last_error: expect.stringMatching(/HTTP 500/) });
      const audit = await ref.current.db.select().from(auditLog).where(eq(auditLog.entityId, id));
      expect(audit.filter((a) => a.action === "feed.poll")).toHaveLength(3);
    } finally {
      config.feedsAllowPrivate = saved;
    }
  });
});

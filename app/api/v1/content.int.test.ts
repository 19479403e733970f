import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { auditLog, contentItems, platformAccounts, schedules } from "@/db/schema";
import * as list from "./content/route";
import * as one from "./content/[id]/route";
import * as archive from "./content/[id]/archive/route";
import * as restore from "./content/[id]/restore/route";
import * as clone from "./content/[id]/clone/route";
import * as variants from "./content/[id]/variants/route";
import * as variant from "./content/[id]/variants/[platform]/route";
import * as accounts from "./platform-accounts/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let B: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;

async function create(token: string, body: Record<string, unknown>, headers?: Record<string, string>) {
  return call(list.POST, { method: "POST", token, body, headers });
}

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  B = await makeWorkspaceWithTokens(ref.current.db);
});

describe("content", () => {
  it("refuses a version past the integer column with a 400, not a 500 (found by the fuzz suite)", async () => {
    const id = (await call(list.POST, { method: "POST", token: A.tokens.editor, body: { title: "Bound", content: "v1" } })).json!.id as string;
    for (const version of [2_147_483_648, Number.MAX_SAFE_INTEGER]) {
      const r = await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id }, body: { content: "v2", version } });
      expect(r.status).toBe(400);
      expect(r.json!.error).toMatchObject({ code: "bad_request:validation", details: [expect.objectContaining({ field: "version" })] });
    }
    const [row] = await ref.current.db
      .select({ content: contentItems.content, version: contentItems.version })
      .from(contentItems)
      .where(eq(contentItems.id, id));
    expect(row).toEqual({ content: "v1", version: 1 });
  });
  it("creates, reads back every field, and writes an audit row", async () => {
    const r = await create(A.tokens.editor, {
      title: "Launch",
      content: "We launch today",
      content_type: "thread",
      tags: ["launch", "Launch", "news"],
      platform_configs: { x: { hashtags: true } },
      scheduled_for: "2030-05-01T09:00:00Z",
    });
    expect(r.status).toBe(201);
    expect(r.json).toEqual({ id: expect.any(String), status: "draft", created_at: expect.any(String) });
    const got = await call(one.GET, { token: A.tokens.viewer, params: { id: r.json!.id } });
    expect(got.json).toMatchObject({
      title: "Launch",
      content: "We launch today",
      content_type: "thread",
      status: "draft",
      tags: ["launch", "news"],
      platform_configs: { x: { hashtags: true } },
      scheduled_for: "2030-05-01T09:00:00.000Z",
      author_id: A.actors.editor.userId,
      source_type: "api",
      version: 1,
    });
    const audit = await ref.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, r.json!.id), eq(auditLog.action, "content.create")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorTokenId).not.toBeNull();
  });

  it("rejects bad input with every problem named, and creates nothing", async () => {
    const before = (await ref.current.db.select({ n: sql<number>`count(*)::int` }).from(contentItems))[0]!.n;
    const r = await create(A.tokens.editor, { title: "", content_type: "video", tags: "x", extra: 1 });
    expect(r.status).toBe(400);
    const fields = r.json!.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["title", "content", "content_type", "tags", "extra"]));
    const dates = await create(A.tokens.editor, { title: "t", content: "c", scheduled_for: "2030-05-02T09:00:00Z", expires_at: "2030-05-01T09:00:00Z" });
    expect(dates.status).toBe(400);
    expect(dates.json!.error.message).toMatch(/expires_at must be after scheduled_for/);
    expect((await ref.current.db.select({ n: sql<number>`count(*)::int` }).from(contentItems))[0]!.n).toBe(before);
  });

  it("lists with pagination, filters and prefix search; limit over 100 is a 400, not a clamp", async () => {
    for (let i = 0; i < 7; i++) {
      await create(A.tokens.editor, {
        title: `Weekly digest ${i}`,
        content: i % 2 ? "Kubernetes tips" : "Gardening notes",
        tags: i % 2 ? ["k8s"] : ["garden"],
        scheduled_for: `2031-01-0${i + 1}T10:00:00Z`,
        platform_configs: i === 3 ? { bluesky: {} } : {},
      });
    }
    const page = await call(list.GET, {
      token: A.tokens.viewer,
      path: "/api/v1/content?limit=3&page=2&sort=scheduled_for&date_from=2031-01-01&date_to=2031-01-31",
    });
    expect(page.status).toBe(200);
    expect(page.json).toMatchObject({ total: 7, page: 2, pages: 3 });
    expect(page.json!.items.map((c: { title: string }) => c.title)).toEqual(["Weekly digest 3", "Weekly digest 4", "Weekly digest 5"]);
    const search = await call(list.GET, { token: A.tokens.viewer, path: "/api/v1/content?q=kuber&tags=k8s" });
    expect(search.json!.total).toBe(3);
    expect(
      (await call(list.GET, { token: A.tokens.viewer, path: "/api/v1/content?platform=bluesky" })).json!.items.map((c: { title: string }) => c.title),
    ).toEqual(["Weekly digest 3"]);
    expect((await call(list.GET, { token: A.tokens.viewer, path: `/api/v1/content?author_id=${A.actors.admin.userId}` })).json!.total).toBe(0);
    for (const bad of ["limit=101", "limit=0", "page=0", "status=lost", "sort=size", "foo=1", "date_from=yesterday"]) {
      const r = await call(list.GET, { token: A.tokens.viewer, path: `/api/v1/content?${bad}` });
      expect(r.status, bad).toBe(400);
    }
    const over = await call(list.GET, { token: A.tokens.viewer, path: "/api/v1/content?limit=101" });
    expect(over.json!.error.message).toMatch(/limit must be at most 100/);
    // B sees none of A's content.
    expect((await call(list.GET, { token: B.tokens.admin })).json!.total).toBe(0);
  });

  it("edits with optimistic locking, archives (cancelling open schedules), restores and clones with variants", async () => {
    const id = (await create(A.tokens.editor, { title: "Draft", content: "v1" })).json!.id;
    const ok = await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id }, body: { content: "v2", version: 1 } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ content: "v2", version: 2, content_type: "post" });
    const typeChange = await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id }, body: { content_type: "article" } });
    expect(typeChange.json).toMatchObject({ content_type: "article", content: "v2", version: 3 });
    const noDefault = await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id }, body: { title: "Draft" } });
    expect(noDefault.json).toMatchObject({ content_type: "article", version: 4 });
    const stale = await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id }, body: { content: "v3", version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.json!.error.code).toBe("conflict:version");
    expect((await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id }, body: {} })).status).toBe(400);

    expect((await call(variant.PUT, { method: "PUT", token: A.tokens.editor, params: { id, platform: "x" }, body: { parts: ["one", "two"] } })).status).toBe(
      200,
    );
    expect((await call(variant.PUT, { method: "PUT", token: A.tokens.editor, params: { id, platform: "myspace" }, body: { text: "x" } })).status).toBe(404);
    const foreignMedia = await call(variant.PUT, {
      method: "PUT",
      token: A.tokens.editor,
      params: { id, platform: "x" },
      body: { media_ids: ["00000000-0000-4000-8000-000000000000"] },
    });
    expect(foreignMedia.status).toBe(400);
    expect((await call(variants.GET, { token: A.tokens.viewer, params: { id } })).json!.items).toEqual([
      expect.objectContaining({ platform: "x", parts: ["one", "two"], text: null }),
    ]);
    // The first comment lives on the variant; a platform without comments refuses one and keeps nothing.
    const withComment = await call(variant.PUT, {
      method: "PUT",
      token: A.tokens.editor,
      params: { id, platform: "mastodon" },
      body: { first_comment: "  More below  " },
    });
    expect(withComment.status).toBe(200);
    expect(withComment.json).toMatchObject({ platform: "mastodon", text: null, first_comment: "More below" });
    const devto = await call(variant.PUT, {
      method: "PUT",
      token: A.tokens.editor,
      params: { id, platform: "devto" },
      body: { text: "t", first_comment: "hi" },
    });
    expect(devto.status).toBe(400);
    expect(devto.json!.error.details).toEqual([expect.objectContaining({ field: "first_comment" })]);
    const after = (await call(variants.GET, { token: A.tokens.viewer, params: { id } })).json!.items;
    expect(after.map((v: { platform: string }) => v.platform)).toEqual(["mastodon", "x"]);
    await call(variant.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id, platform: "mastodon" } });

    const [account] = await ref.current.db.insert(platformAccounts).values({ workspaceId: A.workspace.id, platform: "sandbox", name: "S" }).returning();
    const at = new Date(Date.now() + 86_400_000);
    await ref.current.db.insert(schedules).values({
      workspaceId: A.workspace.id,
      contentItemId: id,
      platformAccountId: account!.id,
      platformId: "sandbox",
      scheduledTime: at,
      originalTime: at,
      localTime: "x",
      timezone: "UTC",
    });
    const arch = await call(archive.POST, { method: "POST", token: A.tokens.editor, params: { id } });
    expect(arch.json!.status).toBe("archived");
    const [s] = await ref.current.db.select().from(schedules).where(eq(schedules.contentItemId, id));
    expect(s!.publishStatus).toBe("cancelled");
    expect((await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id }, body: { content: "nope" } })).json!.error.code).toBe(
      "conflict:archived",
    );
    expect((await call(restore.POST, { method: "POST", token: A.tokens.editor, params: { id } })).json!.status).toBe("draft");

    const copy = await call(clone.POST, { method: "POST", token: A.tokens.editor, params: { id } });
    expect(copy.status).toBe(201);
    expect(copy.json).toMatchObject({ title: "Draft (copy)", content: "v2", status: "draft", source_type: "clone", source_reference: id });
    expect((await call(variants.GET, { token: A.tokens.viewer, params: { id: copy.json!.id } })).json!.items[0]).toMatchObject({
      platform: "x",
      parts: ["one", "two"],
    });

    expect((await call(one.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id } })).status).toBe(204);
    expect((await call(one.GET, { token: A.tokens.editor, params: { id } })).status).toBe(404);
  });

  it("keeps published history: delete is refused, editing is refused", async () => {
    const id = (await create(A.tokens.editor, { title: "Out", content: "gone" })).json!.id;
    await ref.current.db.update(contentItems).set({ status: "published", publishedAt: new Date() }).where(eq(contentItems.id, id));
    expect((await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id }, body: { title: "x" } })).json!.error.code).toBe(
      "conflict:published",
    );
    const [account] = await ref.current.db.insert(platformAccounts).values({ workspaceId: A.workspace.id, platform: "sandbox", name: "S2" }).returning();
    await ref.current.db.insert(schedules).values({
      workspaceId: A.workspace.id,
      contentItemId: id,
      platformAccountId: account!.id,
      platformId: "sandbox",
      scheduledTime: new Date(),
      originalTime: new Date(),
      localTime: "x",
      publishStatus: "published",
    });
    const del = await call(one.DELETE, { method: "DELETE", token: A.tokens.admin, params: { id } });
    expect(del.status).toBe(409);
    expect(del.json!.error.message).toMatch(/Archive it instead/);
  });
});

describe("Idempotency-Key", () => {
  it("replays the first response for the same key and body, and refuses another body with 409", async () => {
    const count = async () =>
      (
        await ref.current.db
          .select({ n: sql<number>`count(*)::int` })
          .from(contentItems)
          .where(and(eq(contentItems.title, "Once only"), eq(contentItems.workspaceId, A.workspace.id)))
      )[0]!.n;
    const body = { title: "Once only", content: "hello" };
    const first = await create(A.tokens.editor, body, { "idempotency-key": "key-1" });
    const again = await create(A.tokens.editor, body, { "idempotency-key": "key-1" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(await count()).toBe(1);
    const other = await create(A.tokens.editor, { ...body, content: "changed" }, { "idempotency-key": "key-1" });
    expect(other.status).toBe(409);
    expect(other.json!.error.code).toBe("conflict:idempotency_key");
    expect(await count()).toBe(1);
    // Keys belong to a workspace: B may use the same key for its own request.
    expect((await create(B.tokens.editor, body, { "idempotency-key": "key-1" })).status).toBe(201);
    // A failed request does not use up its key.
    expect((await create(A.tokens.editor, { title: "" }, { "idempotency-key": "key-2" })).status).toBe(400);
    expect((await create(A.tokens.editor, { title: "Fixed", content: "ok" }, { "idempotency-key": "key-2" })).status).toBe(201);
    // Without a key, each request creates.
    await create(A.tokens.editor, body);
    expect(await count()).toBe(2);
  });

  it("lets only one of two simultaneous requests with the same key through", async () => {
    const body = { title: "Racing", content: "same" };
    const results = await Promise.all([1, 2, 3].map(() => create(A.tokens.editor, body, { "idempotency-key": "race-1" })));
    const n = (await ref.current.db.select({ n: sql<number>`count(*)::int` }).from(contentItems).where(eq(contentItems.title, "Racing")))[0]!.n;
    expect(n).toBe(1);
    for (const r of results) expect([201, 409]).toContain(r.status);
  });
});

describe("roles and workspaces", () => {
  it("gives viewers 403 on every content mutation, and other workspaces 404", async () => {
    const id = (await create(A.tokens.editor, { title: "Guarded", content: "x" })).json!.id;
    const mutations: [string, () => Promise<{ status: number }>][] = [
      ["create", () => create(A.tokens.viewer, { title: "t", content: "c" })],
      ["patch", () => call(one.PATCH, { method: "PATCH", token: A.tokens.viewer, params: { id }, body: { title: "t" } })],
      ["delete", () => call(one.DELETE, { method: "DELETE", token: A.tokens.viewer, params: { id } })],
      ["archive", () => call(archive.POST, { method: "POST", token: A.tokens.viewer, params: { id } })],
      ["restore", () => call(restore.POST, { method: "POST", token: A.tokens.viewer, params: { id } })],
      ["clone", () => call(clone.POST, { method: "POST", token: A.tokens.viewer, params: { id } })],
      ["put variant", () => call(variant.PUT, { method: "PUT", token: A.tokens.viewer, params: { id, platform: "x" }, body: { text: "t" } })],
      ["delete variant", () => call(variant.DELETE, { method: "DELETE", token: A.tokens.viewer, params: { id, platform: "x" } })],
    ];
    for (const [name, run] of mutations) expect((await run()).status, name).toBe(403);
    const foreign: [string, () => Promise<{ status: number }>][] = [
      ["get", () => call(one.GET, { token: B.tokens.admin, params: { id } })],
      ["patch", () => call(one.PATCH, { method: "PATCH", token: B.tokens.admin, params: { id }, body: { title: "t" } })],
      ["delete", () => call(one.DELETE, { method: "DELETE", token: B.tokens.admin, params: { id } })],
      ["archive", () => call(archive.POST, { method: "POST", token: B.tokens.admin, params: { id } })],
      ["clone", () => call(clone.POST, { method: "POST", token: B.tokens.admin, params: { id } })],
      ["variants", () => call(variants.GET, { token: B.tokens.admin, params: { id } })],
      ["put variant", () => call(variant.PUT, { method: "PUT", token: B.tokens.admin, params: { id, platform: "x" }, body: { text: "t" } })],
    ];
    for (const [name, run] of foreign) expect((await run()).status, name).toBe(404);
    expect((await call(one.GET, { token: A.tokens.viewer, params: { id } })).json!.title).toBe("Guarded");
  });

  it("lists the workspace's platform accounts", async () => {
    await ref.current.db.insert(platformAccounts).values({ workspaceId: B.workspace.id, platform: "sandbox", name: "Sandbox B" });
    const r = await call(accounts.GET, { token: B.tokens.viewer });
    expect(r.json!.items).toHaveLength(1);
    expect(r.json!.items[0]).toMatchObject({ id: expect.any(String), platform: "sandbox", name: "Sandbox B", status: "active" });
  });
});

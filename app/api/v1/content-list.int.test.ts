import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { contentItems, contentMedia, media, users } from "@/db/schema";
import type { Db } from "@/db/client";
import { listContent, listContentText } from "@/lib/content";
import { contentOut } from "@/lib/operations/shapes";
import type { ContentListQuery } from "@/lib/validation/content";
import { createApiToken } from "@/lib/auth/tokens";
import { FRONT_DOOR_HEADER } from "@/lib/http/encoding";
import { NextRequest } from "next/server";
import { unpacked } from "@/scripts/test/http";
import * as contentRoute from "./content/route";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;

/** link_tracking as it may be stored, well formed or not (older versions, hand edits, imports). */
const TRACKING: unknown[] = [
  null,
  { enabled: false },
  { enabled: true, utm_campaign: "spring", override_existing: true },
  { utm_campaign: "\u00a0 launch week\u2003\n" },
  { utm_campaign: "😀".repeat(50) },
  { utm_campaign: "😀".repeat(51) },
  { utm_campaign: "😀".repeat(101) },
  { utm_campaign: ` ${"c".repeat(100)} ` },
  { utm_campaign: "a{b}" },
  { enabled: "yes" },
  { enabled: null },
  { other: 1 },
  [1, 2],
  "text",
  { utm_campaign: 7 },
  {},
];

/** Every value contentOut reads, in each form the columns can hold. */
async function seed(ws: string, authorId: string, goneAuthorId: string) {
  const files = await db()
    .insert(media)
    .values(["a", "b", "c"].map((n) => ({ workspaceId: ws, filename: `${n}.png`, mimeType: "image/png", sizeBytes: 1, storagePath: `x/${n}.png`, sha256: n })))
    .returning({ id: media.id });
  for (const [i, tracking] of TRACKING.entries()) {
    const [item] = await db()
      .insert(contentItems)
      .values({
        workspaceId: ws,
        title: `Post ${i} "quoted" \\ back\tslash ✓`,
        content: i % 2 ? `Body ${i}\nline two\u2028 <b>&amp;</b> \u0007` : "",
        summary: i % 3 ? null : `Summary ${i}`,
        contentType: i % 4 === 0 ? "thread" : "post",
        status: (["draft", "scheduled", "published", "archived"] as const)[i % 4],
        platformConfigs: i % 5 === 0 ? { x: { reply_settings: "following" }, bluesky: {} } : {},
        tags: i % 2 ? [`tag ${i}`, "ünï"] : [],
        authorId: i % 6 === 5 ? goneAuthorId : authorId,
        sourceType: i % 7 === 3 ? "feed" : "manual",
        sourceReference: i % 7 === 3 ? "https://example.com/feed/1" : null,
        scheduledFor: i % 2 ? new Date(Date.UTC(2030, i % 12, 1 + i, 9, 30)) : null,
        version: 1 + i,
      })
      .returning({ id: contentItems.id });
    // Microseconds that Date cannot hold, and times on each side of a zone's day.
    await db().execute(sql`update ${contentItems} set
        created_at = timestamptz '2026-03-29 00:59:59.999999+00' + ${i} * interval '1 hour 7 minutes 0.000731 seconds',
        updated_at = timestamptz '2026-10-25 01:00:00.0005+00' + ${i} * interval '13 seconds',
        published_at = case when ${i % 4} = 2 then timestamptz '2026-06-30 23:59:59.999+00' else null end,
        archived_at = case when ${i % 4} = 3 then timestamptz '1999-12-31 23:00:00+00' else null end,
        expires_at = case when ${i % 3} = 1 then timestamptz '2031-01-01 00:00:00.000001+00' else null end,
        link_tracking = ${tracking === null ? null : JSON.stringify(tracking)}::jsonb,
        platform_configs = case when ${i} = 7 then 'null'::jsonb when ${i} = 8 then '[1]'::jsonb else platform_configs end
      where id = ${item!.id}`);
    const attached = files.slice(0, i % 4).reverse();
    if (attached.length)
      await db()
        .insert(contentMedia)
        .values(attached.map((f, position) => ({ contentItemId: item!.id, mediaId: f.id, position })));
  }
  // An author who has since been removed: the item stays, without an author.
  await db().delete(users).where(eq(users.id, goneAuthorId));
}

describe("the content list's JSON, written by Postgres", () => {
  it("equals contentOut of the same rows for every kind of value, sort and page", async () => {
    const { workspace, actors } = await makeWorkspace(db(), ["admin", "editor"]);
    await seed(workspace.id, actors.admin.userId, actors.editor.userId);
    const admin = actors.admin;
    const queries: ContentListQuery[] = [
      { page: 1, limit: 100, sort: "-created_at" },
      { page: 2, limit: 5, sort: "title" },
      { page: 1, limit: 4, sort: "-scheduled_for" },
      { page: 3, limit: 3, sort: "updated_at", tags: ["ünï"] },
      { page: 1, limit: 50, sort: "-title", q: "post" },
      { page: 9, limit: 50, sort: "-created_at" },
    ] as ContentListQuery[];
    let compared = 0;
    for (const q of queries) {
      const expected = await listContent(db(), admin, q);
      const text = await listContentText(db(), admin, q);
      const got = JSON.parse(text) as { items: unknown[] };
      expect(got).toEqual({ items: expected.items.map(contentOut), total: expected.total, page: expected.page, pages: expected.pages });
      // Key for key, in the same order.
      expect(got.items.map((i) => Object.keys(i as object))).toEqual(expected.items.map((i) => Object.keys(contentOut(i))));
      compared += expected.items.length;
    }
    expect(compared).toBeGreaterThan(TRACKING.length);
    // The list did see each kind of stored value.
    const all = JSON.parse(await listContentText(db(), admin, queries[0]!)) as { items: Record<string, unknown>[] };
    expect(all.items).toHaveLength(TRACKING.length);
    const tracking = all.items.map((i) => i.link_tracking);
    expect(tracking).toContainEqual({ utm_campaign: "launch week" });
    expect(tracking).toContainEqual({ utm_campaign: "😀".repeat(50) });
    expect(tracking).toContainEqual({ utm_campaign: "c".repeat(100) });
    expect(tracking.filter((t) => t === null).length).toBeGreaterThan(5);
    expect(all.items.some((i) => i.author_id === null && i.author_name === null)).toBe(true);
    expect(all.items.some((i) => (i.media_ids as string[]).length === 3)).toBe(true);
    expect(all.items.map((i) => i.created_at)).toContain("2026-03-29T00:59:59.999Z");

    // Over HTTP: the same page, packed in the coding the client prefers.
    const { token } = await createApiToken(db(), admin, { name: "list" });
    const get = async (acceptEncoding: string | null) => {
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, [FRONT_DOOR_HEADER]: "1" };
      if (acceptEncoding) headers["accept-encoding"] = acceptEncoding;
      const res = await contentRoute.GET(new NextRequest("http://localhost/api/v1/content?limit=100", { headers }), { params: Promise.resolve({}) });
      expect(res.status).toBe(200);
      const { coding, text } = await unpacked(res);
      return { coding, json: JSON.parse(text) };
    };
    const plain = await get(null);
    expect(plain).toEqual({ coding: null, json: all });
    expect(await get("gzip, deflate, br, zstd")).toEqual({ coding: "br", json: all });
    expect(await get("gzip")).toEqual({ coding: "gzip", json: all });
  });
});

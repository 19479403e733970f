import { beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { send } from "@/scripts/test/http";
import { makeWorkspace, makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { auditLog, bestTimeModels, engagementObservations, platformAccounts } from "@/db/schema";
import type { Db } from "@/db/client";
import * as route from "@/app/api/v1/analytics/import/route";
import { importHistory, MAX_HISTORY_BYTES } from "./history-import";
import { observedRate } from "./measurements";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let acc: Record<"igBrand" | "mastoBrand" | "news" | "sandbox" | "otherWs", string>;

const HEADER = "account,posted_at,timezone,content_type,impressions,reach,likes,comments,shares,clicks";
const csv = (...rows: string[]) => [HEADER, ...rows].join("\n") + "\n";

async function upload(body: string, opts: { query?: string; token?: string; headers?: Record<string, string> } = {}) {
  const req = new NextRequest(`http://localhost:3000/api/v1/analytics/import${opts.query ?? ""}`, {
    method: "POST",
    headers: { authorization: `Bearer ${opts.token ?? A.tokens.editor}`, "content-type": "text/csv", ...opts.headers },
    body,
  });
  const res = await send(route.POST, req);
  const text = await res.text();
  return {
    status: res.status,
    text,
    body: /json/.test(res.headers.get("content-type") ?? "") && !/ndjson/.test(res.headers.get("content-type") ?? "") ? JSON.parse(text) : null,
  };
}

const observations = () =>
  db().select().from(engagementObservations).where(eq(engagementObservations.workspaceId, A.workspace.id)).orderBy(asc(engagementObservations.postedAt));
const count = async () =>
  (await db().select({ n: sql<number>`count(*)::int` }).from(engagementObservations).where(eq(engagementObservations.workspaceId, A.workspace.id)))[0]!.n;
const clear = () => db().delete(engagementObservations).where(eq(engagementObservations.workspaceId, A.workspace.id));

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(db());
  const other = await makeWorkspace(db(), ["admin"]);
  const rows = await db()
    .insert(platformAccounts)
    .values([
      { workspaceId: A.workspace.id, platform: "instagram", name: "Brand" },
      { workspaceId: A.workspace.id, platform: "mastodon", name: "Brand" },
      { workspaceId: A.workspace.id, platform: "x", name: "News desk" },
      { workspaceId: A.workspace.id, platform: "sandbox", name: "Sandbox", status: "needs_reconnect" },
      { workspaceId: other.workspace.id, platform: "sandbox", name: "Elsewhere" },
    ])
    .returning({ id: platformAccounts.id });
  const [igBrand, mastoBrand, news, sandbox, otherWs] = rows.map((r) => r.id) as string[];
  acc = { igBrand: igBrand!, mastoBrand: mastoBrand!, news: news!, sandbox: sandbox!, otherWs: otherWs! };
});

describe("history import: writing", () => {
  it("imports every row with its local weekday and minute in the row's own zone, across daylight saving, rated as measured posts are", async () => {
    await clear();
    const r = await upload(
      csv(
        // Spring forward in Berlin: 02:30 never showed on the clock; read as 03:30 (01:30 UTC), Sunday.
        "News desk,2024-03-31 02:30,Europe/Berlin,thread,200,,10,5,3,2",
        // Late on a Friday in Los Angeles is Saturday in UTC: the slot is the local Friday 23:30.
        "instagram:Brand,2024-07-05 23:30,America/Los_Angeles,carousel,,400,40,,,",
        // Fall back in Berlin: 02:30 showed twice; the first (summer time, 00:30 UTC) is taken.
        `${acc.sandbox},2024-10-27T02:30:15,Europe/Berlin,,,,,,,`,
      ),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      dry_run: false,
      rows: 3,
      created: 3,
      updated: 0,
      without_rate: 1,
      posted_from: "2024-03-31T01:30:00.000Z",
      posted_to: "2024-10-27T00:30:15.000Z",
    });
    expect(r.body.accounts).toEqual([
      { id: acc.igBrand, name: "Brand", platform: "instagram", posts: 1, created: 1, updated: 0 },
      { id: acc.sandbox, name: "Sandbox", platform: "sandbox", posts: 1, created: 1, updated: 0 },
      { id: acc.news, name: "News desk", platform: "x", posts: 1, created: 1, updated: 0 },
    ]);
    expect(r.body.warnings.map((w: { row: number; column: string }) => [w.row, w.column])).toEqual([
      [2, "posted_at"],
      [4, "posted_at"],
    ]);

    const [spring, summer, autumn] = await observations();
    expect(spring).toMatchObject({
      source: "imported",
      workspaceId: A.workspace.id,
      platformAccountId: acc.news,
      scheduleId: null,
      postedAt: new Date("2024-03-31T01:30:00Z"),
      timezone: "Europe/Berlin",
      weekday: 0,
      minuteOfDay: 3 * 60 + 30,
      contentType: "thread",
      impressions: 200,
      reach: null,
      likes: 10,
      comments: 5,
      shares: 3,
      clicks: 2,
      engagementRate: 0.1,
      rateBasis: "impressions",
      createdBy: A.actors.editor.userId,
    });
    expect(spring!.createdAt.getTime()).toBe(spring!.updatedAt.getTime());
    expect(summer).toMatchObject({ platformAccountId: acc.igBrand, postedAt: new Date("2024-07-06T06:30:00Z"), weekday: 5, minuteOfDay: 23 * 60 + 30 });
    expect(summer).toMatchObject({ contentType: "carousel", impressions: null, reach: 400, engagementRate: 0.1, rateBasis: "reach" });
    expect(autumn).toMatchObject({
      platformAccountId: acc.sandbox,
      postedAt: new Date("2024-10-27T00:30:15Z"),
      weekday: 0,
      minuteOfDay: 150,
      contentType: "post",
    });
    expect(autumn).toMatchObject({ impressions: null, reach: null, likes: null, engagementRate: null, rateBasis: null });

    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, A.workspace.id), eq(auditLog.action, "analytics.history_import")));
    expect(audit).toMatchObject({ actorUserId: A.actors.editor.userId, entityType: "workspace", entityId: A.workspace.id });
    expect(audit!.after).toMatchObject({ rows: 3, created: 3, updated: 0 });
  });

  it("keeps empty counts apart from 0, and rates each row exactly as observedRate does", async () => {
    await clear();
    const rows = [
      ["", "", "", "", "", ""],
      ["0", "", "4", "", "", ""],
      ["0", "50", "4", "1", "", ""],
      ["1000", "800", "20", "10", "5", "15"],
      ["", "0", "", "", "", ""],
    ];
    const r = await upload(csv(...rows.map((c, i) => `News desk,2024-05-0${i + 1} 12:00,UTC,,${c.join(",")}`)));
    expect(r.status).toBe(200);
    expect(r.body.without_rate).toBe(3);
    const stored = await observations();
    const num = (v: string) => (v === "" ? null : Number(v));
    stored.forEach((o, i) => {
      const [impressions, reach, likes, comments, shares, clicks] = rows[i]!.map(num);
      const counts = { impressions, reach, likes, comments, shares, clicks };
      expect(o).toMatchObject(counts);
      const expected = observedRate(counts);
      expect([o.engagementRate, o.rateBasis]).toEqual([expected.rate, expected.basis]);
    });
    expect(stored.map((o) => [o.engagementRate, o.rateBasis])).toEqual([
      [null, null],
      [null, null],
      [0.1, "reach"],
      [0.05, "impressions"],
      [null, null],
    ]);
  });

  it("a re-import updates the rows it imported before instead of adding them again; a dry run says which it would", async () => {
    await clear();
    const first = csv("News desk,2024-02-01 09:00,UTC,,100,,1,,,", "Sandbox,2024-02-01 10:00,UTC,,100,,2,,,");
    expect((await upload(first)).body).toMatchObject({ created: 2, updated: 0 });
    const before = await observations();

    const again = csv(
      "News desk,2024-02-01 10:00,Europe/London,article,100,,9,,,",
      "Sandbox,2024-02-01 10:00,UTC,,100,,2,,,",
      "Sandbox,2024-02-02 10:00,UTC,,,,,,,",
    );
    const dry = await upload(again, { query: "?dry_run=true" });
    expect(dry.body).toMatchObject({ dry_run: true, rows: 3, created: 2, updated: 1 });
    expect(await count()).toBe(2);

    const real = await upload(again);
    expect(real.body).toMatchObject({ dry_run: false, rows: 3, created: 2, updated: 1 });
    // 10:00 in London in February is 10:00 UTC: a new moment for News desk, the same one for Sandbox.
    expect(await count()).toBe(4);
    const after = await observations();
    const sandbox = after.find((o) => o.platformAccountId === acc.sandbox && o.postedAt.toISOString() === "2024-02-01T10:00:00.000Z")!;
    const old = before.find((o) => o.platformAccountId === acc.sandbox)!;
    expect(sandbox.id).toBe(old.id);
    expect(sandbox.createdAt.getTime()).toBe(old.createdAt.getTime());
    expect(sandbox.updatedAt.getTime()).toBeGreaterThan(old.updatedAt.getTime());

    const changed = csv("News desk,2024-02-01 09:00,UTC,thread,300,,30,,,");
    expect((await upload(changed)).body).toMatchObject({ created: 0, updated: 1, accounts: [{ id: acc.news, posts: 1, created: 0, updated: 1 }] });
    const news = (await observations()).find((o) => o.platformAccountId === acc.news && o.postedAt.toISOString() === "2024-02-01T09:00:00.000Z")!;
    expect(news).toMatchObject({ contentType: "thread", impressions: 300, likes: 30, engagementRate: 0.1 });
    expect(await count()).toBe(4);
  });

  it("the account's best-time model learns from the import at once; a dry run fits nothing", async () => {
    await clear();
    await db().delete(bestTimeModels).where(eq(bestTimeModels.workspaceId, A.workspace.id));
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    const rows = Array.from({ length: 12 }, (_, i) => `News desk,${day(3 + i)} ${String(8 + i).padStart(2, "0")}:00,UTC,,1000,,${10 + i},,,`);
    expect((await upload(csv(...rows), { query: "?dry_run=true" })).status).toBe(200);
    expect(await db().select().from(bestTimeModels).where(eq(bestTimeModels.workspaceId, A.workspace.id))).toEqual([]);
    expect((await upload(csv(...rows))).status).toBe(200);
    const models = await db().select().from(bestTimeModels).where(eq(bestTimeModels.platformAccountId, acc.news));
    expect(models.map((m) => [m.contentType, m.posts]).sort()).toEqual([
      ["*", 12],
      ["post", 12],
    ]);
  });

  it("a dry run checks and answers the same, writing nothing", async () => {
    await clear();
    const auditsBefore = (await db().select().from(auditLog).where(eq(auditLog.workspaceId, A.workspace.id))).length;
    const r = await upload(csv("News desk,2024-02-01 09:00,UTC,,100,,1,,,"), { query: "?dry_run=true" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dry_run: true, rows: 1, created: 1, updated: 0, accounts: [{ id: acc.news, posts: 1 }] });
    expect(await count()).toBe(0);
    expect((await db().select().from(auditLog).where(eq(auditLog.workspaceId, A.workspace.id))).length).toBe(auditsBefore);
  });
});

describe("history import: refusals", () => {
  it("one bad row: 400 listing it, and nothing of the good rows is written (a dry run answers the same)", async () => {
    await clear();
    const file = csv("News desk,2024-02-01 09:00,UTC,,100,,1,,,", "News desk,2024-02-01 10:00,UTC,,100,,1.5,,,", "Sandbox,2024-02-01 10:00,UTC,,100,,2,,,");
    for (const query of ["", "?dry_run=true"]) {
      const r = await upload(file, { query });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({
        code: "bad_request:import",
        message: "1 of 3 rows has errors; nothing was imported",
        details: {
          dry_run: query !== "",
          rows: 3,
          error_rows: 1,
          error_count: 1,
          errors: [{ row: 3, column: "likes", message: '"1.5" is not a whole number' }],
        },
      });
      expect(await count()).toBe(0);
    }
  });

  it("names every problem with its row and column", async () => {
    const r = await upload(
      csv(
        "Nobody,2024-02-01 09:00,UTC,,,,,,,",
        "Brand,2024-02-01 09:00,UTC,,,,,,,",
        `${acc.otherWs},2024-02-01 09:00,UTC,,,,,,,`,
        "News desk,2024-02-30 09:00,UTC,,,,,,,",
        "News desk,2099-01-01 09:00,UTC,,,,,,,",
        "News desk,2024-02-01 09:00,Europe/Atlantis,,,,,,,",
        "News desk,2024-02-01 10:00,UTC,story,,,,,,",
        "News desk,2024-02-01 11:00,UTC,,-3,,,,,",
        "News desk,2024-02-01 12:00,UTC,,,,2.5,,,",
      ),
    );
    expect(r.status).toBe(400);
    expect(r.body.error.details.errors.map((e: { row: number; column: string; message: string }) => [e.row, e.column, e.message])).toEqual([
      [2, "account", expect.stringMatching(/^unknown account "Nobody"/)],
      [3, "account", expect.stringMatching(/^"Brand" names 2 accounts \(Instagram, Mastodon\)/)],
      [4, "account", expect.stringMatching(/^unknown account "[0-9a-f-]{36}"/)],
      [5, "posted_at", expect.stringMatching(/is not a valid time: February 2024 has 29 days/)],
      [6, "posted_at", expect.stringMatching(/in UTC is in the future/)],
      [7, "timezone", expect.stringMatching(/^"Europe\/Atlantis" is not an IANA time zone/)],
      [8, "content_type", expect.stringMatching(/^"story" is not a content type/)],
      [9, "impressions", '"-3" is negative: counts are 0 or more'],
      [10, "likes", '"2.5" is not a whole number'],
    ]);
    expect(r.body.error.details).toMatchObject({ rows: 9, error_rows: 9, truncated: false });
  });

  it("refuses an unknown or a missing column, an empty file and a header without rows", async () => {
    const extra = await upload(`${HEADER},campaign\nNews desk,2024-02-01 09:00,UTC,,,,,,,,spring\n`);
    expect(extra.status).toBe(400);
    expect(extra.body.error).toMatchObject({ code: "bad_request:csv", details: { errors: [{ row: 1, column: "campaign" }] } });
    expect(extra.body.error.message).toMatch(/^unknown column campaign: the header must name exactly these columns, in any order: account, posted_at/);
    const missing = await upload(`${HEADER.replace(",clicks", "")}\nNews desk,2024-02-01 09:00,UTC,,,,,,\n`);
    expect(missing.body.error).toMatchObject({
      code: "bad_request:csv",
      details: { errors: [{ row: 1, column: "clicks", message: "is missing from the header" }] },
    });
    const empty = await upload("");
    expect([empty.status, empty.body.error.code, empty.body.error.message]).toEqual([400, "bad_request:csv", expect.stringMatching(/^the file is empty/)]);
    const headerOnly = await upload(`${HEADER}\n`);
    expect([headerOnly.status, headerOnly.body.error.message]).toEqual([400, expect.stringMatching(/header but no rows/)]);
    expect(await count()).toBe(0);
  });

  it("lets editors and admins import; a viewer gets 403 and nothing is written", async () => {
    await clear();
    const file = csv("News desk,2024-02-01 09:00,UTC,,100,,1,,,");
    const viewer = await upload(file, { token: A.tokens.viewer });
    expect(viewer.status).toBe(403);
    await expect(importHistory(db(), A.actors.viewer, file, { dryRun: true })).rejects.toMatchObject({ kind: "forbidden" });
    expect(await count()).toBe(0);
    expect((await upload(file, { token: A.tokens.admin })).status).toBe(200);
    expect(await count()).toBe(1);
  });

  it("refuses a body past the cap with 413, another content type, and text that is not UTF-8", async () => {
    const big = await upload(csv("News desk,2024-02-01 09:00,UTC,,,,,,,") + "x".repeat(MAX_HISTORY_BYTES));
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({ code: "payload_too_large", details: { limit_bytes: MAX_HISTORY_BYTES } });
    const json = await upload(JSON.stringify({ rows: [] }), { headers: { "content-type": "application/json" } });
    expect([json.status, json.body.error.code]).toEqual([400, "bad_request:content_type"]);
    const req = new NextRequest("http://localhost:3000/api/v1/analytics/import", {
      method: "POST",
      headers: { authorization: `Bearer ${A.tokens.editor}`, "content-type": "text/csv" },
      body: new Blob([new Uint8Array(Buffer.from(`${HEADER}\nCaf\xe9,2024-02-01 09:00,UTC,,,,,,,\n`, "latin1"))]),
    });
    const latin = await send(route.POST, req);
    expect([latin.status, (await latin.json()).error.message]).toEqual([400, expect.stringMatching(/not UTF-8/)]);
  });
});

describe("history import: progress", () => {
  it("streams check and write progress as NDJSON when asked, then the result", async () => {
    await clear();
    const start = Date.parse("2023-01-01T00:00:00Z");
    const rows = Array.from({ length: 1_200 }, (_, i) => `News desk,${new Date(start + i * 3_600_000).toISOString().slice(0, 16)},UTC,,100,,${i % 7},,,`);
    const r = await upload(csv(...rows), { headers: { accept: "application/x-ndjson" } });
    expect(r.status).toBe(200);
    const lines = r.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === "progress").map((l) => [l.stage, l.rows, l.total])).toEqual([
      ["check", 1000, null],
      ["write", 1000, 1200],
      ["write", 1200, 1200],
    ]);
    expect(lines.at(-1)).toMatchObject({ type: "result", rows: 1200, created: 1200, updated: 0 });
    expect(await count()).toBe(1200);
  });

  it("reports a refused file as the stream's last line", async () => {
    const r = await upload(csv("Nobody,2024-02-01 09:00,UTC,,,,,,,"), { headers: { accept: "application/x-ndjson" } });
    const last = JSON.parse(r.text.trim().split("\n").at(-1)!);
    expect(last).toMatchObject({ type: "error", error: { code: "bad_request:import", details: { errors: [{ row: 2, column: "account" }] } } });
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { platformAccounts, recurrenceSeries, schedules } from "@/db/schema";
import { archiveContent, createContent } from "@/lib/content";
import { createSchedules } from "@/lib/scheduling/create";
import { extendSeries } from "@/lib/scheduling/series";
import { storeMedia } from "@/lib/media/store";
import { getConfig } from "@/lib/config";
import * as contentOne from "./content/[id]/route";
import * as variant from "./content/[id]/variants/[platform]/route";
import * as queue from "./content/[id]/queue/route";
import * as mediaOne from "./media/[id]/route";
import * as series from "./series/[id]/route";
import * as feed from "./ics-feed/route";
import * as importer from "./import/csv/route";
import * as cal from "./schedules/calendar/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let B: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let accA: string;
let accB: string;
let mediaB: string;
let seriesId: string;
let itemId: string;

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  B = await makeWorkspaceWithTokens(ref.current.db);
  const rows = await ref.current.db
    .insert(platformAccounts)
    .values([
      { workspaceId: A.workspace.id, platform: "x", name: "A x" },
      { workspaceId: B.workspace.id, platform: "sandbox", name: "B s" },
    ])
    .returning();
  accA = rows[0]!.id;
  accB = rows[1]!.id;
  const png = Buffer.alloc(64);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 10, 0, 0, 0, 10]).copy(png);
  mediaB = (
    await storeMedia(ref.current.db, B.actors.editor, getConfig().dataDir, {
      filename: "b.png",
      body: (async function* () {
        yield new Uint8Array(png);
      })(),
    })
  ).id;
  const item = await createContent(ref.current.db, A.actors.editor, { title: "Tip", content: "Short tip", content_type: "post" });
  itemId = item.id;
  seriesId = (
    await createSchedules(
      ref.current.db,
      A.actors.editor,
      {
        content_item_id: item.id,
        platform_account_id: accA,
        scheduled_time: "2031-02-01T09:00",
        timezone: "UTC",
        recurrence: { rrule: "FREQ=DAILY" },
        retry_strategy: "exponential",
        max_retries: 3,
        priority: "normal",
        missed_policy: "publish_late",
      },
      new Date("2031-01-01T00:00:00Z"),
    )
  ).seriesId!;
});

describe("guards", () => {
  it("refuses another workspace's media on content and variants", async () => {
    const patch = await call(contentOne.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: itemId }, body: { media_ids: [mediaB] } });
    expect(patch.status).toBe(400);
    expect(patch.json!.error.message).toContain(mediaB);
    expect(
      (await call(variant.PUT, { method: "PUT", token: A.tokens.editor, params: { id: itemId, platform: "x" }, body: { media_ids: [mediaB] } })).status,
    ).toBe(400);
  });

  it("gives viewers 403 and other workspaces 404 on queue, media, series, feed and import", async () => {
    const csv = (token: string) =>
      importer.POST(
        new NextRequest("http://localhost:3000/api/v1/import/csv", {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
          body: "title,content\na,b\n",
        }),
        { params: Promise.resolve({}) },
      );
    expect((await csv(A.tokens.viewer)).status).toBe(403);
    expect((await call(queue.POST, { method: "POST", token: A.tokens.viewer, params: { id: itemId }, body: {} })).status).toBe(403);
    expect((await call(queue.POST, { method: "POST", token: A.tokens.editor, params: { id: itemId }, body: { platform_account_ids: [accB] } })).status).toBe(
      404,
    );
    expect((await call(mediaOne.PATCH, { method: "PATCH", token: B.tokens.viewer, params: { id: mediaB }, body: { alt_text: "x" } })).status).toBe(403);
    expect((await call(mediaOne.DELETE, { method: "DELETE", token: B.tokens.viewer, params: { id: mediaB } })).status).toBe(403);
    expect((await call(mediaOne.PATCH, { method: "PATCH", token: A.tokens.admin, params: { id: mediaB }, body: { alt_text: "x" } })).status).toBe(404);
    expect((await call(mediaOne.DELETE, { method: "DELETE", token: A.tokens.admin, params: { id: mediaB } })).status).toBe(404);
    expect((await call(series.PATCH, { method: "PATCH", token: A.tokens.viewer, params: { id: seriesId }, body: { timezone: "UTC" } })).status).toBe(403);
    for (const run of [
      () => call(series.GET, { token: B.tokens.admin, params: { id: seriesId } }),
      () => call(series.PATCH, { method: "PATCH", token: B.tokens.admin, params: { id: seriesId }, body: { timezone: "UTC" } }),
      () => call(series.DELETE, { method: "DELETE", token: B.tokens.admin, params: { id: seriesId } }),
    ])
      expect((await run()).status).toBe(404);
    expect((await call(feed.POST, { method: "POST", token: A.tokens.viewer })).status).toBe(403);
  });

  it("refuses an edit that would break a platform the item is scheduled on", async () => {
    const r = await call(contentOne.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: itemId }, body: { content: "y".repeat(300) } });
    expect(r.status).toBe(400);
    expect(r.json!.error.details[0]).toMatchObject({ platform: "x", field: "text" });
    expect((await call(contentOne.GET, { token: A.tokens.editor, params: { id: itemId } })).json!.content).toBe("Short tip");
  });

  it("extends a series once even when two runners do it at the same moment", async () => {
    const before = (await ref.current.db.select({ n: sql<number>`count(*)::int` }).from(schedules).where(eq(schedules.recurrenceSeriesId, seriesId)))[0]!.n;
    const later = new Date(Date.parse("2031-03-15T00:00:00Z")); // horizon mid-May: past the 60 days made at creation
    await Promise.all([extendSeries(ref.current.db, later), extendSeries(ref.current.db, later), extendSeries(ref.current.db, later)]);
    const rows = await ref.current.db.select({ t: schedules.scheduledTime }).from(schedules).where(eq(schedules.recurrenceSeriesId, seriesId));
    expect(rows.length).toBeGreaterThan(before);
    expect(new Set(rows.map((r) => r.t.getTime())).size).toBe(rows.length);
  });

  it("stops a series when its item is archived", async () => {
    const item = await createContent(ref.current.db, A.actors.editor, { title: "Archived series", content: "Bye", content_type: "post" });
    const sid = (
      await createSchedules(
        ref.current.db,
        A.actors.editor,
        {
          content_item_id: item.id,
          platform_account_id: accA,
          scheduled_time: "2031-02-01T10:00",
          timezone: "UTC",
          recurrence: { rrule: "FREQ=DAILY" },
          retry_strategy: "exponential",
          max_retries: 3,
          priority: "normal",
          missed_policy: "publish_late",
        },
        new Date("2031-01-01T00:00:00Z"),
      )
    ).seriesId!;
    await archiveContent(ref.current.db, A.actors.editor, item.id);
    await extendSeries(ref.current.db, new Date("2031-03-15T00:00:00Z"));
    const open = await ref.current.db.select().from(schedules).where(eq(schedules.recurrenceSeriesId, sid));
    expect(open.every((s) => s.publishStatus === "cancelled")).toBe(true);
    const [s] = await ref.current.db.select().from(recurrenceSeries).where(eq(recurrenceSeries.id, sid));
    expect(s!.endedAt).not.toBeNull();
  });

  it("counts a 25-hour day whole on the calendar (Europe/Berlin, 2031-10-26)", async () => {
    const item = await createContent(ref.current.db, A.actors.editor, { title: "Late night", content: "Owl", content_type: "post" });
    await createSchedules(
      ref.current.db,
      A.actors.editor,
      {
        content_item_id: item.id,
        platform_account_id: accA,
        scheduled_time: "2031-10-26T23:30",
        timezone: "Europe/Berlin",
        retry_strategy: "exponential",
        max_retries: 3,
        priority: "normal",
        missed_policy: "publish_late",
      },
      new Date("2031-10-01T00:00:00Z"),
    );
    const r = await call(cal.GET, {
      token: A.tokens.viewer,
      path: "/api/v1/schedules/calendar?start_date=2031-10-26&end_date=2031-10-26&timezone=Europe/Berlin&platform_account_id=" + accA,
    });
    expect(r.json!.events.map((e: { title: string; start: string }) => [e.title, e.start])).toContainEqual(["Late night", "2031-10-26T23:30:00+01:00"]);
  });
});

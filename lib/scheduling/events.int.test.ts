import { beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { platformAccounts, publishingEvents, schedules } from "@/db/schema";
import * as content from "@/app/api/v1/content/route";
import * as schedulesApi from "@/app/api/v1/schedules/route";
import * as scheduleById from "@/app/api/v1/schedules/[id]/route";
import * as cancel from "@/app/api/v1/schedules/[id]/cancel/route";
import * as bulk from "@/app/api/v1/schedules/bulk/route";
import * as seriesById from "@/app/api/v1/series/[id]/route";
import * as importer from "@/app/api/v1/import/csv/route";
import { createSchedules } from "./create";
import { extendSeries } from "./series";
import { archiveContent } from "../content";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let account: string;
let other: string;

async function item(title = "Post") {
  return (await call(content.POST, { method: "POST", token: A.tokens.editor, body: { title, content: `${title} body` } })).json!.id as string;
}
/** Schedule events of the workspace after an event id, oldest first. */
async function eventsAfter(after: number, type?: string) {
  return ref.current.db
    .select()
    .from(publishingEvents)
    .where(
      and(
        eq(publishingEvents.workspaceId, A.workspace.id),
        sql`${publishingEvents.id} > ${after}`,
        type ? eq(publishingEvents.type, type) : sql`${publishingEvents.type} like 'schedule_%'`,
      ),
    )
    .orderBy(asc(publishingEvents.id));
}
async function lastEventId() {
  const [r] = await ref.current.db.select({ n: sql<number>`coalesce(max(${publishingEvents.id}), 0)::int` }).from(publishingEvents);
  return Number(r!.n);
}

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  const rows = await ref.current.db
    .insert(platformAccounts)
    .values([
      { workspaceId: A.workspace.id, platform: "sandbox", name: "S1" },
      { workspaceId: A.workspace.id, platform: "sandbox", name: "S2" },
    ])
    .returning();
  account = rows[0]!.id;
  other = rows[1]!.id;
});

describe("schedule events", () => {
  it("creating a schedule on two accounts emits schedule_created for each, with the contract's data", async () => {
    const before = await lastEventId();
    const id = await item("Created");
    const r = await call(schedulesApi.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { content_item_id: id, platform_account_ids: [account, other], scheduled_time: "2031-06-01T10:00", timezone: "UTC" },
    });
    expect(r.status).toBe(201);
    const made = r.json!.schedules as { id: string; platform_account_id: string }[];
    const events = await eventsAfter(before);
    expect(events.map((e) => e.type)).toEqual(["schedule_created", "schedule_created"]);
    expect(
      events
        .map((e) => e.data)
        .sort((a, b) => String((a as { schedule_id: string }).schedule_id).localeCompare(String((b as { schedule_id: string }).schedule_id))),
    ).toEqual(
      made
        .map((s) => ({
          schedule_id: s.id,
          content_item_id: id,
          platform_account_id: s.platform_account_id,
          platform_id: "sandbox",
          scheduled_time: "2031-06-01T10:00:00.000Z",
        }))
        .sort((a, b) => a.schedule_id.localeCompare(b.schedule_id)),
    );
  });

  it("rescheduling emits schedule_changed with the previous time; cancel and delete emit schedule_cancelled", async () => {
    const id = await item("Moved");
    const r = await call(schedulesApi.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { content_item_id: id, platform_account_id: account, scheduled_time: "2031-07-01T10:00", timezone: "UTC" },
    });
    const sid = r.json!.schedules[0].id as string;
    const before = await lastEventId();
    expect(
      (await call(scheduleById.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: sid }, body: { scheduled_time: "2031-07-02T11:30" } })).status,
    ).toBe(200);
    const [changed] = await eventsAfter(before);
    expect(changed).toMatchObject({
      type: "schedule_changed",
      data: {
        schedule_id: sid,
        content_item_id: id,
        platform_account_id: account,
        platform_id: "sandbox",
        scheduled_time: "2031-07-02T11:30:00.000Z",
        previous_time: "2031-07-01T10:00:00.000Z",
      },
    });

    // A change that does not move it (priority) is not a schedule_changed.
    const mid = await lastEventId();
    expect((await call(scheduleById.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: sid }, body: { priority: "high" } })).status).toBe(200);
    expect(await eventsAfter(mid)).toHaveLength(0);

    expect((await call(cancel.POST, { method: "POST", token: A.tokens.editor, params: { id: sid } })).status).toBe(200);
    const cancelled = await eventsAfter(mid);
    expect(cancelled.map((e) => [e.type, e.data])).toEqual([
      ["schedule_cancelled", { schedule_id: sid, content_item_id: id, platform_account_id: account, platform_id: "sandbox" }],
    ]);

    const again = await call(schedulesApi.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { content_item_id: id, platform_account_id: other, scheduled_time: "2031-07-03T10:00", timezone: "UTC" },
    });
    const sid2 = again.json!.schedules[0].id as string;
    const beforeDelete = await lastEventId();
    expect((await call(scheduleById.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id: sid2 } })).status).toBe(204);
    expect((await eventsAfter(beforeDelete)).map((e) => [e.type, (e.data as { schedule_id: string }).schedule_id])).toEqual([["schedule_cancelled", sid2]]);
  });

  it("bulk scheduling emits one event per schedule; a refused bulk run emits none", async () => {
    const ids = [await item("B1"), await item("B2"), await item("B3")];
    const before = await lastEventId();
    const r = await call(bulk.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: {
        content_item_ids: ids,
        platform_account_ids: [account, other],
        pattern: { type: "daily", start_date: "2031-08-01", end_date: "2031-08-10", times: ["09:00"], timezone: "UTC" },
      },
    });
    expect(r.status).toBe(201);
    const events = await eventsAfter(before);
    expect(events).toHaveLength(6);
    expect(new Set(events.map((e) => (e.data as { content_item_id: string }).content_item_id))).toEqual(new Set(ids));
    const rows = await ref.current.db
      .select({ id: schedules.id })
      .from(schedules)
      .where(
        sql`${schedules.contentItemId} in (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`,
      );
    expect(new Set(events.map((e) => (e.data as { schedule_id: string }).schedule_id))).toEqual(new Set(rows.map((x) => x.id)));

    const refusedBefore = await lastEventId();
    const bad = await call(bulk.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: {
        content_item_ids: [await item("B4"), "00000000-0000-4000-8000-000000000000"],
        platform_account_ids: [account],
        pattern: { type: "daily", start_date: "2031-09-01", end_date: "2031-09-10", timezone: "UTC" },
      },
    });
    expect(bad.status).toBe(400);
    expect(await eventsAfter(refusedBefore)).toHaveLength(0);
  });

  it("a CSV import emits schedule_created for what it schedules", async () => {
    const before = await lastEventId();
    const req = new NextRequest("http://localhost:3000/api/v1/import/csv", {
      method: "POST",
      headers: { authorization: `Bearer ${A.tokens.editor}`, "content-type": "text/csv" },
      body: "title,content,accounts,date,time,timezone\nFrom CSV,Hello,S1,2031-10-01,09:30,UTC\n",
    });
    const res = await importer.POST(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const events = await eventsAfter(before);
    expect(
      events.map((e) => [e.type, (e.data as { platform_account_id: string }).platform_account_id, (e.data as { scheduled_time: string }).scheduled_time]),
    ).toEqual([["schedule_created", account, "2031-10-01T09:30:00.000Z"]]);
  });

  it("a series emits schedule_created for each materialised occurrence, and schedule_cancelled for each removed", async () => {
    const id = await item("Weekly");
    const now = new Date("2031-01-01T00:00:00Z");
    const before = await lastEventId();
    const made = await createSchedules(
      ref.current.db,
      A.actors.editor,
      {
        content_item_id: id,
        platform_account_id: account,
        scheduled_time: "2031-01-06T09:00",
        timezone: "UTC",
        recurrence: { rrule: "FREQ=WEEKLY" },
        retry_strategy: "exponential",
        max_retries: 3,
        priority: "normal",
        missed_policy: "publish_late",
      },
      now,
    );
    const created = await eventsAfter(before, "schedule_created");
    expect(created.length).toBe(made.schedules.length);
    expect(created.length).toBeGreaterThan(5);

    // The hourly job extends the series further ahead: those occurrences are announced too.
    const beforeExtend = await lastEventId();
    const extended = await extendSeries(ref.current.db, new Date("2031-02-15T00:00:00Z"));
    expect(extended).toBeGreaterThan(0);
    expect(await eventsAfter(beforeExtend, "schedule_created")).toHaveLength(extended);

    const open = await ref.current.db.select({ id: schedules.id }).from(schedules).where(eq(schedules.recurrenceSeriesId, made.seriesId!));
    const beforeDelete = await lastEventId();
    const del = await call(seriesById.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id: made.seriesId! } });
    expect(del.status).toBe(200);
    const cancelled = await eventsAfter(beforeDelete, "schedule_cancelled");
    expect(new Set(cancelled.map((e) => (e.data as { schedule_id: string }).schedule_id))).toEqual(new Set(open.map((o) => o.id)));
  });

  it("archiving content cancels its open schedules with schedule_cancelled for each", async () => {
    const id = await item("Archived");
    const r = await call(schedulesApi.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { content_item_id: id, platform_account_ids: [account, other], scheduled_time: "2031-07-01T10:00", timezone: "UTC" },
    });
    const made = (r.json!.schedules as { id: string }[]).map((s) => s.id).sort();
    const before = await lastEventId();
    await archiveContent(ref.current.db, A.actors.editor, id);
    const events = await eventsAfter(before, "schedule_cancelled");
    expect(events.map((e) => (e.data as { schedule_id: string }).schedule_id).sort()).toEqual(made);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { platformAccounts, recurrenceSeries, schedules } from "@/db/schema";
import { createContent } from "@/lib/content";
import { createSchedules } from "@/lib/scheduling/create";
import { extendSeries, updateSeries } from "@/lib/scheduling/series";
import { transitionSchedule, updateSchedule } from "@/lib/scheduling/schedules";
import * as series from "./series/[id]/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let account: string;
const DAY = 86_400_000;
const now = new Date("2031-01-01T00:00:00Z");

async function startSeries(rrule: string) {
  const item = await createContent(ref.current.db, A.actors.editor, { title: `Series ${rrule}`, content: "Daily tip", content_type: "post" });
  const r = await createSchedules(
    ref.current.db,
    A.actors.editor,
    {
      content_item_id: item.id,
      platform_account_id: account,
      scheduled_time: "2031-01-02T09:00",
      timezone: "Europe/Berlin",
      recurrence: { rrule },
      retry_strategy: "linear",
      max_retries: 5,
      priority: "high",
      missed_policy: "skip",
    },
    now,
  );
  return { item, seriesId: r.seriesId! };
}
const rows = (seriesId: string) => ref.current.db.select().from(schedules).where(eq(schedules.recurrenceSeriesId, seriesId)).orderBy(schedules.scheduledTime);

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  const [a] = await ref.current.db.insert(platformAccounts).values({ workspaceId: A.workspace.id, platform: "sandbox", name: "S" }).returning();
  account = a!.id;
});

describe("recurring series", () => {
  it("materialises 60 days ahead, the job extends it as time passes, and a bounded series ends", async () => {
    const { seriesId } = await startSeries("FREQ=DAILY;COUNT=100");
    expect(await rows(seriesId)).toHaveLength(60); // 2031-01-02 … 2031-03-02
    await extendSeries(ref.current.db, new Date(now.getTime() + 30 * DAY));
    const after = await rows(seriesId);
    expect(after).toHaveLength(89); // through 2031-03-31: 30 + 28 + 31 days, none lost at the seam
    expect(after.map((s) => s.localTime.slice(0, 10))).toContain("2031-03-03");
    expect(new Set(after.map((s) => s.localTime.slice(11)))).toEqual(new Set(["09:00"]));
    expect(after.every((s) => s.retryStrategy === "linear" && s.maxRetries === 5 && s.priority === "high" && s.missedPolicy === "skip")).toBe(true);
    expect(new Set(after.map((s) => s.localTime)).size).toBe(89);
    await extendSeries(ref.current.db, new Date(now.getTime() + 120 * DAY));
    expect(await rows(seriesId)).toHaveLength(100);
    const [s] = await ref.current.db.select().from(recurrenceSeries).where(eq(recurrenceSeries.id, seriesId));
    expect(s!.endedAt).not.toBeNull();
    // Running the job again adds nothing.
    await extendSeries(ref.current.db, new Date(now.getTime() + 150 * DAY));
    expect(await rows(seriesId)).toHaveLength(100);
  });

  it("changing the whole series replaces its open occurrences and keeps the published ones", async () => {
    const { seriesId } = await startSeries("FREQ=DAILY");
    const first = (await rows(seriesId))[0]!;
    await ref.current.db.update(schedules).set({ publishStatus: "published" }).where(eq(schedules.id, first.id));
    const r = await updateSeries(
      ref.current.db,
      A.actors.editor,
      seriesId,
      { recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO" }, scheduled_time: "2031-01-06T18:30" },
      new Date("2031-01-03T00:00:00Z"),
    );
    expect(r.replaced).toBeGreaterThan(50);
    const now2 = await rows(seriesId);
    expect(now2[0]!.id).toBe(first.id);
    expect(now2[0]!.publishStatus).toBe("published");
    const open = now2.filter((s) => s.publishStatus === "pending");
    expect(open.length).toBeGreaterThanOrEqual(8);
    for (const s of open) {
      expect(s.localTime.slice(11)).toBe("18:30");
      expect(new Date(`${s.localTime.slice(0, 10)}T12:00:00Z`).getUTCDay()).toBe(1);
    }
  });

  it("PATCH keeps a cancelled occurrence cancelled and a paused one paused, with its own retry settings, where the change takes them", async () => {
    const { seriesId } = await startSeries("FREQ=DAILY;COUNT=5");
    const first = await rows(seriesId);
    expect(first.map((s) => s.localTime)).toEqual(["2031-01-02T09:00", "2031-01-03T09:00", "2031-01-04T09:00", "2031-01-05T09:00", "2031-01-06T09:00"]);
    await transitionSchedule(ref.current.db, A.actors.editor, first[1]!.id, "cancel");
    await updateSchedule(ref.current.db, A.actors.editor, first[2]!.id, { max_retries: 9, priority: "low" });
    await transitionSchedule(ref.current.db, A.actors.editor, first[2]!.id, "pause");
    const state = async () => (await rows(seriesId)).map((s) => [s.localTime, s.publishStatus]);

    // The same rule again: nothing comes back.
    const same = await call(series.PATCH, {
      method: "PATCH",
      token: A.tokens.editor,
      params: { id: seriesId },
      body: { recurrence: { rrule: "FREQ=DAILY;COUNT=5" } },
    });
    expect(same.status).toBe(200);
    expect(same.json).toMatchObject({ replaced: 4, created: 4 });
    expect(await state()).toEqual([
      ["2031-01-02T09:00", "pending"],
      ["2031-01-03T09:00", "cancelled"],
      ["2031-01-04T09:00", "paused"],
      ["2031-01-05T09:00", "pending"],
      ["2031-01-06T09:00", "pending"],
    ]);

    // A new time: each occurrence moves, its state with it.
    const moved = await call(series.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: seriesId }, body: { scheduled_time: "2031-01-02T18:15" } });
    expect(moved.status).toBe(200);
    expect(await state()).toEqual([
      ["2031-01-02T18:15", "pending"],
      ["2031-01-03T09:00", "cancelled"],
      ["2031-01-04T18:15", "paused"],
      ["2031-01-05T18:15", "pending"],
      ["2031-01-06T18:15", "pending"],
    ]);
    const paused = (await rows(seriesId)).find((s) => s.publishStatus === "paused")!;
    expect([paused.maxRetries, paused.priority, paused.retryStrategy, paused.missedPolicy]).toEqual([9, "low", "linear", "skip"]);
  });

  it("reads, and ends through the API, leaving history; viewers may only read", async () => {
    const { seriesId } = await startSeries("FREQ=DAILY;COUNT=20");
    const some = (await rows(seriesId)).slice(0, 2);
    await ref.current.db
      .update(schedules)
      .set({ publishStatus: "published" })
      .where(
        sql`${schedules.id} in (${sql.join(
          some.map((s) => sql`${s.id}`),
          sql`, `,
        )})`,
      );
    const got = await call(series.GET, { token: A.tokens.viewer, params: { id: seriesId } });
    expect(got.json).toMatchObject({
      rrule: "FREQ=DAILY;COUNT=20",
      timezone: "Europe/Berlin",
      local_time: "2031-01-02T09:00",
      occurrences: { published: 2, pending: 18 },
    });
    expect(got.json!.next).toHaveLength(10);
    expect((await call(series.DELETE, { method: "DELETE", token: A.tokens.viewer, params: { id: seriesId } })).status).toBe(403);
    const gone = await call(series.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id: seriesId } });
    expect(gone.json).toEqual({ removed: 18 });
    const left = await ref.current.db
      .select()
      .from(schedules)
      .where(and(eq(schedules.contentItemId, (await ref.current.db.select().from(schedules).where(eq(schedules.id, some[0]!.id)))[0]!.contentItemId)));
    expect(left.map((s) => s.publishStatus)).toEqual(["published", "published"]);
    expect((await call(series.GET, { token: A.tokens.viewer, params: { id: seriesId } })).status).toBe(404);
  });
});

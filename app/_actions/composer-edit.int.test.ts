import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { actionRuntime } from "@/app/_server/action";
import { auditLog, contentItems, platformAccounts, publishingEvents, schedules } from "@/db/schema";
import { transitionSchedule, updateSchedule } from "@/lib/scheduling/schedules";
import { saveComposerAction } from "./composer";

// Pressing Schedule on content that already has schedules edits them: moves, adds, cancels.
const ref = withTestDatabase();
let W: Awaited<ReturnType<typeof makeWorkspace>>;
let a: string;
let b: string;
let c: string;
let broken: string;
const original = { ...actionRuntime };
const content = { title: "Launch", content: "Launch day", content_type: "post", tags: [], media_ids: [] };

beforeAll(async () => {
  W = await makeWorkspace(ref.current.db);
  const rows = await ref.current.db
    .insert(platformAccounts)
    .values([
      { workspaceId: W.workspace.id, platform: "sandbox", name: "Alpha" },
      { workspaceId: W.workspace.id, platform: "sandbox", name: "Beta" },
      { workspaceId: W.workspace.id, platform: "x", name: "Gamma" },
      { workspaceId: W.workspace.id, platform: "sandbox", name: "Delta", status: "needs_reconnect", statusReason: "token revoked" },
    ])
    .returning();
  [a, b, c, broken] = rows.map((r) => r.id) as [string, string, string, string];
  actionRuntime.revalidate = () => {};
  actionRuntime.member = async () => ({ db: ref.current.db, actor: W.actors.editor });
});
afterAll(() => Object.assign(actionRuntime, original));

const rowsOf = (id: string) =>
  ref.current.db.select().from(schedules).where(eq(schedules.contentItemId, id)).orderBy(schedules.scheduledTime, schedules.platformAccountId);
const openOf = async (id: string) => (await rowsOf(id)).filter((s) => s.publishStatus === "pending" || s.publishStatus === "paused");

async function scheduled(accounts: string[], when = "2031-06-10T09:00", recurrence?: { rrule: string }) {
  const r = await saveComposerAction({
    content,
    mode: "schedule",
    platform_account_ids: accounts,
    schedule: { scheduled_time: when, timezone: "Europe/Berlin", ...(recurrence ? { recurrence } : {}) },
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.data.id;
}

/** A save from the composer as it was loaded: the content's version and the open schedules it saw. */
async function edit(
  id: string,
  over: {
    accounts: string[];
    when: string;
    zone?: string;
    intent?: "schedule" | "add_time";
    scope?: "post" | "series";
    confirm?: string[];
    anchor?: string;
    known?: { id: string; version: number }[];
  },
) {
  const open = await openOf(id);
  const [item] = await ref.current.db.select().from(contentItems).where(eq(contentItems.id, id));
  return saveComposerAction({
    id,
    version: item!.version,
    content,
    mode: "schedule",
    platform_account_ids: over.accounts,
    schedule: { scheduled_time: over.when, timezone: over.zone ?? "Europe/Berlin" },
    edit: {
      anchor_id: over.anchor ?? open[0]?.id ?? null,
      scope: over.scope ?? "post",
      intent: over.intent ?? "schedule",
      known: over.known ?? open.map((s) => ({ id: s.id, version: s.version })),
      confirm_cancel: over.confirm ?? [],
    },
  });
}

describe("editing the schedules of scheduled content from the composer", () => {
  it("a new time moves every account's schedule (same rows, new version, a change event); it never adds one", async () => {
    const id = await scheduled([a, b]);
    const before = await openOf(id);
    const r = await edit(id, { accounts: [a, b], when: "2031-06-11T14:30" });
    expect(r).toMatchObject({ ok: true, data: { summary: "Moved 2 posts to Wed 11 Jun 2031, 14:30 Europe/Berlin" } });
    const after = await rowsOf(id);
    expect(after).toHaveLength(2);
    expect(after.map((s) => [s.id, s.localTime, s.scheduledTime.toISOString(), s.publishStatus, s.version])).toEqual(
      before.map((s) => [s.id, "2031-06-11T14:30", "2031-06-11T12:30:00.000Z", "pending", s.version + 1]),
    );
    const events = await ref.current.db
      .select()
      .from(publishingEvents)
      .where(and(eq(publishingEvents.type, "schedule_changed"), eq(publishingEvents.workspaceId, W.workspace.id)));
    expect(events.filter((e) => (e.data as { content_item_id: string }).content_item_id === id)).toHaveLength(2);
  });

  it("refuses a save without the schedules it saw instead of adding a second post", async () => {
    const id = await scheduled([a]);
    const r = await saveComposerAction({
      id,
      version: 1,
      content,
      mode: "schedule",
      platform_account_ids: [a],
      schedule: { scheduled_time: "2031-06-12T09:00", timezone: "Europe/Berlin" },
    });
    expect(r).toMatchObject({ ok: false, error: { code: "conflict:version" } });
    expect(await rowsOf(id)).toHaveLength(1);
  });

  it("an unticked account's schedule is cancelled only once the cancellation is confirmed; a ticked one is added at the same time", async () => {
    const id = await scheduled([a, b]);
    const rows0 = await openOf(id);
    const sa = rows0.find((s) => s.platformAccountId === a)!;
    const sb = rows0.find((s) => s.platformAccountId === b)!;
    const unconfirmed = await edit(id, { accounts: [a, c], when: "2031-06-10T09:00" });
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: "bad_request:confirm_cancel", message: expect.stringContaining("Beta") } });
    expect((await openOf(id)).map((s) => s.platformAccountId).sort()).toEqual([a, b].sort());

    const r = await edit(id, { accounts: [a, c], when: "2031-06-10T09:00", confirm: [sb.id] });
    expect(r).toMatchObject({ ok: true, data: { summary: "Added 1 at Tue 10 Jun 2031, 09:00 Europe/Berlin, cancelled 1" } });
    const rows = await rowsOf(id);
    expect(rows.find((s) => s.id === sb.id)?.publishStatus).toBe("cancelled");
    expect(rows.find((s) => s.id === sa.id)).toMatchObject({ publishStatus: "pending", version: sa.version, localTime: "2031-06-10T09:00" });
    expect(rows.filter((s) => s.platformAccountId === c).map((s) => [s.publishStatus, s.localTime])).toEqual([["pending", "2031-06-10T09:00"]]);
    expect(rows).toHaveLength(3);
  });

  it("refuses a save over schedules someone moved meanwhile, and changes nothing", async () => {
    const id = await scheduled([a]);
    const seen = (await openOf(id)).map((s) => ({ id: s.id, version: s.version }));
    await updateSchedule(ref.current.db, W.actors.admin, seen[0]!.id, { scheduled_time: "2031-06-20T08:00" });
    const r = await edit(id, { accounts: [a], when: "2031-06-21T10:00", known: seen, anchor: seen[0]!.id });
    expect(r).toMatchObject({ ok: false, error: { code: "conflict:version", message: expect.stringContaining("changed since you opened it") } });
    expect((await rowsOf(id)).map((s) => s.localTime)).toEqual(["2031-06-20T08:00"]);
  });

  it("Add another time adds the ticked accounts at the picked time, and never twice at one time", async () => {
    const id = await scheduled([a, b]);
    const r = await edit(id, { accounts: [a, b], when: "2031-06-15T18:00", intent: "add_time" });
    expect(r).toMatchObject({ ok: true, data: { summary: "Added 2 at Sun 15 Jun 2031, 18:00 Europe/Berlin" } });
    expect((await openOf(id)).map((s) => s.localTime)).toEqual(["2031-06-10T09:00", "2031-06-10T09:00", "2031-06-15T18:00", "2031-06-15T18:00"]);
    const again = await edit(id, { accounts: [a, b], when: "2031-06-15T18:00", intent: "add_time" });
    expect(again).toMatchObject({ ok: false, error: { code: "conflict:duplicate" } });
    expect(await openOf(id)).toHaveLength(4);
  });

  it("a recurring occurrence: 'this post only' moves that occurrence; 'the whole series' moves every open one", async () => {
    const id = await scheduled([a], "2031-07-01T09:00", { rrule: "FREQ=DAILY;COUNT=4" });
    const first = await openOf(id);
    expect(first.map((s) => s.localTime)).toEqual(["2031-07-01T09:00", "2031-07-02T09:00", "2031-07-03T09:00", "2031-07-04T09:00"]);
    const seriesId = first[0]!.recurrenceSeriesId;
    expect(seriesId).toBeTruthy();

    const one = await edit(id, { accounts: [a], when: "2031-07-01T11:00", scope: "post", anchor: first[0]!.id });
    expect(one).toMatchObject({ ok: true, data: { summary: "Moved 1 post to Tue 1 Jul 2031, 11:00 Europe/Berlin" } });
    expect((await openOf(id)).map((s) => [s.id, s.localTime])).toEqual([[first[0]!.id, "2031-07-01T11:00"], ...first.slice(1).map((s) => [s.id, s.localTime])]);

    const open = await openOf(id);
    const all = await edit(id, { accounts: [a], when: "2031-07-02T16:00", scope: "series", anchor: open[1]!.id });
    expect(all).toMatchObject({ ok: true, data: { summary: expect.stringContaining("Moved the series: 4 posts from Wed 2 Jul 2031, 16:00") } });
    const moved = await openOf(id);
    expect(moved.map((s) => s.localTime)).toEqual(["2031-07-02T16:00", "2031-07-03T16:00", "2031-07-04T16:00", "2031-07-05T16:00"]);
    expect(new Set(moved.map((s) => s.recurrenceSeriesId))).toEqual(new Set([seriesId]));
  });

  it("the whole series: an unticked account leaves the series after a confirmation", async () => {
    const id = await scheduled([a, b], "2031-08-01T09:00", { rrule: "FREQ=DAILY;COUNT=3" });
    const open = await openOf(id);
    const ofB = open.filter((s) => s.platformAccountId === b).map((s) => s.id);
    const r = await edit(id, { accounts: [a], when: "2031-08-01T09:00", scope: "series", confirm: ofB });
    expect(r).toMatchObject({ ok: true, data: { summary: "Cancelled 3" } });
    const rows = await ref.current.db.select().from(schedules).where(inArray(schedules.id, ofB));
    expect(rows.map((s) => s.publishStatus)).toEqual(["cancelled", "cancelled", "cancelled"]);
    expect((await openOf(id)).map((s) => s.platformAccountId)).toEqual([a, a, a]);
  });

  it("the whole series: ticking another account adds its posts and leaves a cancelled occurrence cancelled and a paused one paused", async () => {
    const id = await scheduled([a], "2031-09-01T09:00", { rrule: "FREQ=DAILY;COUNT=4" });
    const open = await openOf(id);
    expect(open).toHaveLength(4);
    await transitionSchedule(ref.current.db, W.actors.editor, open[1]!.id, "cancel");
    await transitionSchedule(ref.current.db, W.actors.editor, open[2]!.id, "pause");
    const seriesId = open[0]!.recurrenceSeriesId!;

    const r = await edit(id, { accounts: [a, b], when: "2031-09-01T09:00", scope: "series", anchor: open[0]!.id });
    expect(r).toMatchObject({ ok: true, data: { summary: "Added 4 posts to the series" } });
    const rows = await rowsOf(id);
    const on = (acc: string) => rows.filter((s) => s.platformAccountId === acc).map((s) => [s.localTime, s.publishStatus]);
    expect(on(a)).toEqual([
      ["2031-09-01T09:00", "pending"],
      ["2031-09-02T09:00", "cancelled"],
      ["2031-09-03T09:00", "paused"],
      ["2031-09-04T09:00", "pending"],
    ]);
    expect(on(b)).toEqual(["01", "02", "03", "04"].map((d) => [`2031-09-${d}T09:00`, "pending"]));
    // Account A's occurrences were left as they were: same rows, same versions.
    expect(
      rows
        .filter((s) => s.platformAccountId === a)
        .map((s) => s.id)
        .sort(),
    ).toEqual(open.map((s) => s.id).sort());
    const audit = await ref.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, seriesId), eq(auditLog.action, "series.accounts")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ platform_account_ids: [a, b], created: 4 });

    // Moving the whole series later keeps each occurrence's state where it lands.
    const now = await openOf(id);
    const moved = await edit(id, { accounts: [a, b], when: "2031-09-01T10:30", scope: "series", anchor: now[0]!.id });
    expect(moved).toMatchObject({ ok: true });
    const after = await rowsOf(id);
    const onA = after.filter((s) => s.platformAccountId === a).map((s) => [s.localTime, s.publishStatus]);
    expect(onA).toEqual([
      ["2031-09-01T10:30", "pending"],
      ["2031-09-02T09:00", "cancelled"],
      ["2031-09-03T10:30", "paused"],
      ["2031-09-04T10:30", "pending"],
    ]);
    expect(after.filter((s) => s.platformAccountId === b).map((s) => [s.localTime, s.publishStatus])).toEqual(
      ["01", "02", "03", "04"].map((d) => [`2031-09-${d}T10:30`, "pending"]),
    );
  });

  it("the whole series: an account that needs reconnecting is refused, and nothing changes", async () => {
    const id = await scheduled([a], "2031-09-10T09:00", { rrule: "FREQ=DAILY;COUNT=3" });
    const before = await rowsOf(id);
    const r = await edit(id, { accounts: [a, broken], when: "2031-09-10T09:00", scope: "series" });
    expect(r).toMatchObject({ ok: false, error: { code: "conflict:account_unavailable", message: expect.stringContaining("Delta") } });
    expect((await rowsOf(id)).map((s) => [s.id, s.platformAccountId, s.publishStatus])).toEqual(
      before.map((s) => [s.id, s.platformAccountId, s.publishStatus]),
    );
  });

  it("a new time moves the whole post, also an account whose instant a rate-limit wait pushed back, and clears the wait", async () => {
    const id = await scheduled([a, b], "2031-06-18T09:00");
    const open = await openOf(id);
    const sa = open.find((s) => s.platformAccountId === a)!;
    const sb = open.find((s) => s.platformAccountId === b)!;
    const until = new Date(sb.scheduledTime.getTime() + 5 * 60_000);
    const [waiting] = await ref.current.db
      .update(schedules)
      .set({
        scheduledTime: until,
        errorCode: "rate_limit_wait",
        errorMessage: "Waiting for the Sandbox rate limit until 09:05 (Europe/Berlin).",
        metadata: { deferred: { reason: "token_bucket", until: until.toISOString() }, note: "kept" },
      })
      .where(eq(schedules.id, sb.id))
      .returning();
    const r = await edit(id, {
      accounts: [a, b],
      when: "2031-06-19T14:00",
      anchor: sa.id,
      known: [
        { id: sa.id, version: sa.version },
        { id: sb.id, version: waiting!.version },
      ],
    });
    expect(r).toMatchObject({ ok: true, data: { summary: "Moved 2 posts to Thu 19 Jun 2031, 14:00 Europe/Berlin" } });
    const rows = await rowsOf(id);
    expect(rows).toHaveLength(2);
    for (const s of rows)
      expect([s.localTime, s.scheduledTime.toISOString(), s.publishStatus]).toEqual(["2031-06-19T14:00", "2031-06-19T12:00:00.000Z", "pending"]);
    const moved = rows.find((s) => s.id === sb.id)!;
    expect([moved.errorCode, moved.errorMessage, moved.metadata]).toEqual([null, null, { note: "kept" }]);
  });

  it("moving a post held by a 429 pause clears the wait; another error stays", async () => {
    const id = await scheduled([a, b], "2031-06-22T09:00");
    const [sa, sb] = await openOf(id);
    await ref.current.db
      .update(schedules)
      .set({
        errorCode: "rate_limited",
        errorMessage: "Waiting for the Sandbox rate limit until 09:30 (Europe/Berlin).",
        metadata: { deferred: { reason: "account_paused" } },
      })
      .where(eq(schedules.id, sa!.id));
    await ref.current.db.update(schedules).set({ errorCode: "timeout", errorMessage: "The platform timed out." }).where(eq(schedules.id, sb!.id));
    await updateSchedule(ref.current.db, W.actors.editor, sa!.id, { scheduled_time: "2031-06-23T09:00" });
    await updateSchedule(ref.current.db, W.actors.editor, sb!.id, { scheduled_time: "2031-06-23T09:00" });
    const rows = await rowsOf(id);
    expect(rows.find((s) => s.id === sa!.id)).toMatchObject({ localTime: "2031-06-23T09:00", errorCode: null, errorMessage: null });
    expect(rows.find((s) => s.id === sa!.id)!.metadata).toEqual({});
    expect(rows.find((s) => s.id === sb!.id)).toMatchObject({ localTime: "2031-06-23T09:00", errorCode: "timeout", errorMessage: "The platform timed out." });
  });

  it("Publish now moves the scheduled post to now instead of adding one; Next free slot is refused on scheduled content", async () => {
    const id = await scheduled([a, b]);
    const before = await openOf(id);
    const [item] = await ref.current.db.select().from(contentItems).where(eq(contentItems.id, id));
    const queued = await saveComposerAction({ id, version: item!.version, content, mode: "queue", platform_account_ids: [a, b] });
    expect(queued).toMatchObject({ ok: false, error: { code: "conflict:scheduled" } });
    const r = await saveComposerAction({
      id,
      version: item!.version,
      content,
      mode: "now",
      platform_account_ids: [a, b],
      schedule: { scheduled_time: "2031-06-10T09:00", timezone: "UTC" },
      edit: { anchor_id: before[0]!.id, known: before.map((s) => ({ id: s.id, version: s.version })) },
    });
    expect(r).toMatchObject({ ok: true, data: { summary: "Publishing 2 posts now", schedules: 2 } });
    const rows = await rowsOf(id);
    expect(rows.map((s) => s.id).sort()).toEqual(before.map((s) => s.id).sort());
    for (const s of rows) expect(Math.abs(s.scheduledTime.getTime() - Date.now())).toBeLessThan(120_000);
  });
});

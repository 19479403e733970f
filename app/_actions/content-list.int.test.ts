import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { actionRuntime } from "@/app/_server/action";
import { contentItems, platformAccounts, schedules } from "@/db/schema";
import { parseCsvText } from "@/lib/csv";
import type { Actor } from "@/lib/auth/actor";
import { createContentAction } from "./content";
import { createSchedulesAction } from "./schedules";
import { bulkContentAction, bulkRescheduleAction, bulkScheduleItemsAction, exportContentListAction } from "./content-list";

const ref = withTestDatabase();
let W: Awaited<ReturnType<typeof makeWorkspace>>;
let account: string;
const original = { ...actionRuntime };

const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

function as(actor: Actor) {
  actionRuntime.member = async () => ({ db: ref.current.db, actor });
}

async function post(title: string, extra: Record<string, unknown> = {}) {
  const r = await createContentAction({ title, content: `Text of ${title}`, ...extra });
  if (!r.ok) throw new Error(r.error.message);
  return r.data.id;
}

async function schedule(id: string, at: string) {
  const r = await createSchedulesAction({ content_item_id: id, platform_account_id: account, scheduled_time: at, timezone: "UTC" });
  if (!r.ok) throw new Error(r.error.message);
  return r.data.ids[0]!;
}

beforeAll(async () => {
  W = await makeWorkspace(ref.current.db);
  const [a] = await ref.current.db.insert(platformAccounts).values({ workspaceId: W.workspace.id, platform: "sandbox", name: "Sandbox" }).returning();
  account = a!.id;
  actionRuntime.revalidate = () => {};
});
afterAll(() => Object.assign(actionRuntime, original));

describe("content list bulk actions", () => {
  it("archive each item on its own and say which were refused and why", async () => {
    as(W.actors.editor);
    const a = await post("Bulk A");
    const b = await post("Bulk B");
    const r = await bulkContentAction({ ids: [a, b], op: "archive" });
    expect(r).toEqual({ ok: true, data: { done: [a, b], refused: [] } });
    // Restoring twice: the second time nothing is archived any more, and that is said per item.
    expect(await bulkContentAction({ ids: [a], op: "restore" })).toMatchObject({ ok: true, data: { done: [a], refused: [] } });
    const again = await bulkContentAction({ ids: [a, b], op: "restore" });
    expect(again).toMatchObject({ ok: true, data: { done: [b], refused: [{ id: a, message: "Only archived content can be restored." }] } });
    const rows = await ref.current.db
      .select({ id: contentItems.id, status: contentItems.status })
      .from(contentItems)
      .where(inArray(contentItems.id, [a, b]));
    expect(rows.map((x) => x.status).sort()).toEqual(["draft", "draft"]);
  });

  it("a viewer is refused before anything changes", async () => {
    as(W.actors.editor);
    const a = await post("Viewer target");
    as(W.actors.viewer);
    expect(await bulkContentAction({ ids: [a], op: "delete" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await exportContentListAction({})).toMatchObject({ ok: true });
    const [row] = await ref.current.db.select({ id: contentItems.id }).from(contentItems).where(eq(contentItems.id, a));
    expect(row).toBeDefined();
  });

  it("pause, resume and move the open schedules of each item; an item with none is refused", async () => {
    as(W.actors.editor);
    const a = await post("Pausable");
    const idle = await post("Never scheduled");
    const s = await schedule(a, `${day(30)}T09:30`);
    const paused = await bulkContentAction({ ids: [a, idle], op: "pause" });
    expect(paused).toMatchObject({ ok: true, data: { done: [a], refused: [{ id: idle, message: "nothing scheduled to pause" }] } });
    expect((await ref.current.db.select().from(schedules).where(eq(schedules.id, s)))[0]!.publishStatus).toBe("paused");
    const moved = await bulkRescheduleAction({ ids: [a, idle], days: 2 });
    expect(moved).toMatchObject({ ok: true, data: { done: [a], refused: [{ id: idle, message: "nothing scheduled to move" }] } });
    const [row] = await ref.current.db.select().from(schedules).where(eq(schedules.id, s));
    expect(row!.localTime).toBe(`${day(32)}T09:30`);
    expect(await bulkContentAction({ ids: [a], op: "resume" })).toMatchObject({ ok: true, data: { done: [a] } });
    // Moving into the past is refused for that item and leaves its time as it was.
    const back = await bulkRescheduleAction({ ids: [a], days: -3650 });
    expect(back).toMatchObject({ ok: false, error: { code: "bad_request:validation" } });
    const far = await bulkRescheduleAction({ ids: [a], days: -60 });
    expect(far).toMatchObject({ ok: true, data: { done: [], refused: [{ id: a, message: expect.stringMatching(/in the past/) }] } });
    expect((await ref.current.db.select().from(schedules).where(eq(schedules.id, s)))[0]!.localTime).toBe(`${day(32)}T09:30`);
  });

  it("schedule on a pattern all or none, with each refused item named", async () => {
    as(W.actors.editor);
    const a = await post("Pattern A");
    const b = await post("Pattern B");
    await bulkContentAction({ ids: [b], op: "archive" });
    const refused = await bulkScheduleItemsAction({
      content_item_ids: [a, b],
      platform_account_ids: [account],
      pattern: { type: "daily", start_date: "2032-05-01", end_date: "2032-05-10", times: ["10:00"], timezone: "UTC" },
    });
    expect(refused).toMatchObject({ ok: true, data: { done: [], schedules: 0, refused: [{ id: b }] } });
    expect(refused.ok && refused.data.refused[0]!.message).toMatch(/archived/i);
    expect(await ref.current.db.select().from(schedules).where(eq(schedules.contentItemId, a))).toHaveLength(0);
    const c = await post("Pattern C");
    const ok = await bulkScheduleItemsAction({
      content_item_ids: [a, c],
      platform_account_ids: [account],
      pattern: { type: "daily", start_date: "2032-05-01", end_date: "2032-05-10", times: ["10:00"], timezone: "UTC" },
    });
    expect(ok).toMatchObject({ ok: true, data: { done: [a, c], schedules: 2, refused: [] } });
    const made = await ref.current.db
      .select({ local: schedules.localTime })
      .from(schedules)
      .where(inArray(schedules.contentItemId, [a, c]));
    expect(made.map((m) => m.local).sort()).toEqual(["2032-05-01T10:00", "2032-05-02T10:00"]);
  });

  it("export the list as filtered and sorted, every page of it", async () => {
    as(W.actors.editor);
    for (let i = 0; i < 3; i++) await post(`Export ${i} =sum`, { tags: ["exported"] });
    const r = await exportContentListAction({ tags: "exported", sort: "-title" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [header, ...rows] = parseCsvText(r.data.csv).map((x) => x.record);
    expect(header).toContain("title");
    const t = header!.indexOf("title");
    expect(rows.map((x) => x[t])).toEqual(["Export 2 =sum", "Export 1 =sum", "Export 0 =sum"]);
    expect(r.data.rows).toBe(3);
    expect(await exportContentListAction({ status: "nope" })).toMatchObject({ ok: false, error: { code: "bad_request:validation" } });
  });
});

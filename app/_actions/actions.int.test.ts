import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { actionRuntime } from "@/app/_server/action";
import { platformAccounts, schedules } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { createContentAction, importCsvAction, updateContentAction } from "./content";
import { createSchedulesAction, rescheduleAction, calendarAction } from "./schedules";
import { createBlackoutAction, regenerateIcsFeedAction } from "./scheduling-settings";

const ref = withTestDatabase();
let W: Awaited<ReturnType<typeof makeWorkspace>>;
let account: string;
const original = { ...actionRuntime };
const revalidated: string[] = [];

/** Runs an action as this member, the way the wrapper would after reading their session. */
function as(actor: Actor) {
  actionRuntime.member = async () => ({ db: ref.current.db, actor });
}

beforeAll(async () => {
  W = await makeWorkspace(ref.current.db);
  const [a] = await ref.current.db.insert(platformAccounts).values({ workspaceId: W.workspace.id, platform: "sandbox", name: "S" }).returning();
  account = a!.id;
  actionRuntime.revalidate = (p) => void revalidated.push(p);
});
afterAll(() => Object.assign(actionRuntime, original));

describe("server actions", () => {
  it("check the role before the input, then validate with the API's schemas", async () => {
    as(W.actors.viewer);
    const denied = await createContentAction({ title: "" });
    expect(denied).toEqual({ ok: false, error: { code: "forbidden", message: expect.stringMatching(/viewer role may not do this/) } });
    as(W.actors.editor);
    const invalid = await createContentAction({ title: "", content_type: "video" });
    expect(invalid.ok).toBe(false);
    if (invalid.ok) return;
    expect(invalid.error.code).toBe("bad_request:validation");
    expect(Object.keys(invalid.error.fields!)).toEqual(expect.arrayContaining(["title", "content", "content_type"]));
  });

  it("create, schedule and drag a post; a drag into a blackout is refused and changes nothing", async () => {
    as(W.actors.editor);
    const made = await createContentAction({ title: "From the composer", content: "Hi" });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(revalidated.length).toBeGreaterThan(0);
    const sched = await createSchedulesAction({
      content_item_id: made.data.id,
      platform_account_id: account,
      scheduled_time: "2031-09-01T10:00",
      timezone: "Europe/Paris",
    });
    expect(sched.ok).toBe(true);
    if (!sched.ok) return;
    const id = sched.data.ids[0]!;
    const moved = await rescheduleAction({ id, patch: { scheduled_time: "2031-09-02T10:00", version: 1 } });
    expect(moved).toMatchObject({ ok: true, data: { local_time: "2031-09-02T10:00", version: 2, scheduled_time: "2031-09-02T08:00:00.000Z" } });
    expect((await createBlackoutAction({ starts_at: "2031-09-03T00:00:00Z", ends_at: "2031-09-04T00:00:00Z", reason: "Strike" })).ok).toBe(true);
    const refused = await rescheduleAction({ id, patch: { scheduled_time: "2031-09-03T10:00" } });
    expect(refused).toMatchObject({ ok: false, error: { code: "conflict:blackout" } });
    const [row] = await ref.current.db.select().from(schedules).where(eq(schedules.id, id));
    expect(row!.localTime).toBe("2031-09-02T10:00");
    const cal = await calendarAction({ start_date: "2031-09-01", end_date: "2031-09-30", timezone: "Europe/Paris" });
    expect(cal.ok && cal.data.events.map((e) => e.start)).toEqual(["2031-09-02T10:00:00+02:00"]);
  });

  it("refuse to act in a workspace other than the page's", async () => {
    as(W.actors.editor);
    const r = await updateContentAction({ id: "00000000-0000-4000-8000-000000000000", patch: { title: "x" } }, "11111111-1111-4111-8111-111111111111");
    expect(r).toMatchObject({ ok: false, error: { code: "conflict:workspace" } });
  });

  it("import a CSV file from a form (dry run) and keep admin-only actions for admins", async () => {
    as(W.actors.editor);
    const file = new File(["title,content,platforms,date,time,timezone\nHello,World,sandbox,2031-10-01,09:00,UTC\n"], "posts.csv", { type: "text/csv" });
    const r = await importCsvAction({ file, dry_run: true });
    expect(r).toMatchObject({ ok: true, data: { dry_run: true, ok_rows: 1, created: { content: 1, schedules: 1 } } });
    expect((await regenerateIcsFeedAction({})).ok).toBe(false);
    as(W.actors.admin);
    const feed = await regenerateIcsFeedAction({});
    expect(feed.ok && feed.data.url).toMatch(/\/api\/ics\/ics_.+\.ics$/);
  });
});

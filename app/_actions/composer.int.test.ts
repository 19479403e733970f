import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { actionRuntime } from "@/app/_server/action";
import { contentItems, contentVariants, platformAccounts, schedules } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { saveComposerAction } from "./composer";

const ref = withTestDatabase();
let W: Awaited<ReturnType<typeof makeWorkspace>>;
let sandbox: string;
let x: string;
const original = { ...actionRuntime };

function as(actor: Actor) {
  actionRuntime.member = async () => ({ db: ref.current.db, actor });
}
const contentCount = async () => (await ref.current.db.select().from(contentItems).where(eq(contentItems.workspaceId, W.workspace.id))).length;
const body = (over: Record<string, unknown> = {}) => ({
  content: { title: "Hello", content: "From the composer", content_type: "post", tags: ["news"], media_ids: [] },
  ...over,
});

beforeAll(async () => {
  W = await makeWorkspace(ref.current.db);
  const rows = await ref.current.db
    .insert(platformAccounts)
    .values([
      { workspaceId: W.workspace.id, platform: "sandbox", name: "S" },
      { workspaceId: W.workspace.id, platform: "x", name: "X" },
    ])
    .returning();
  sandbox = rows[0]!.id;
  x = rows[1]!.id;
  actionRuntime.revalidate = () => {};
});
afterAll(() => Object.assign(actionRuntime, original));

describe("saveComposerAction", () => {
  it("refuses viewers and bad input before anything is written", async () => {
    const before = await contentCount();
    as(W.actors.viewer);
    expect(await saveComposerAction(body({ mode: "draft" }))).toMatchObject({ ok: false, error: { code: "forbidden" } });
    as(W.actors.editor);
    const noAccounts = await saveComposerAction(body({ mode: "schedule", schedule: { scheduled_time: "2031-05-04T09:30", timezone: "Europe/Berlin" } }));
    expect(noAccounts).toMatchObject({ ok: false, error: { code: "bad_request:validation", message: "Choose at least one account to post to." } });
    expect(await contentCount()).toBe(before);
  });

  it("saves a draft with a platform's own text", async () => {
    as(W.actors.editor);
    const r = await saveComposerAction(body({ mode: "draft", variants: { x: "Short for X", sandbox: "" } }));
    expect(r).toMatchObject({ ok: true, data: { schedules: 0, warnings: [] } });
    if (!r.ok) return;
    const variants = await ref.current.db.select().from(contentVariants).where(eq(contentVariants.contentItemId, r.data.id));
    expect(variants.map((v) => [v.platform, v.text])).toEqual([["x", "Short for X"]]);
    const [item] = await ref.current.db.select().from(contentItems).where(eq(contentItems.id, r.data.id));
    expect(item).toMatchObject({ title: "Hello", content: "From the composer", status: "draft", tags: ["news"] });
  });

  it("schedules on every chosen account at the wall time in the chosen zone", async () => {
    as(W.actors.editor);
    const r = await saveComposerAction(
      body({ mode: "schedule", platform_account_ids: [sandbox, x], schedule: { scheduled_time: "2031-05-04T09:30", timezone: "Europe/Berlin" } }),
    );
    expect(r).toMatchObject({ ok: true, data: { schedules: 2 } });
    if (!r.ok) return;
    const rows = await ref.current.db.select().from(schedules).where(eq(schedules.contentItemId, r.data.id));
    expect(rows.map((s) => [s.localTime, s.timezone, s.scheduledTime.toISOString()])).toEqual([
      ["2031-05-04T09:30", "Europe/Berlin", "2031-05-04T07:30:00.000Z"],
      ["2031-05-04T09:30", "Europe/Berlin", "2031-05-04T07:30:00.000Z"],
    ]);
  });

  it("creates a recurring series from the builder's RRULE", async () => {
    as(W.actors.editor);
    const r = await saveComposerAction(
      body({
        mode: "schedule",
        platform_account_ids: [sandbox],
        schedule: { scheduled_time: "2031-05-05T09:00", timezone: "UTC", recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO,FR;COUNT=4" } },
      }),
    );
    expect(r).toMatchObject({ ok: true, data: { schedules: 4 } });
  });

  it("saves nothing when the schedule is refused (a platform's limit, a past time)", async () => {
    as(W.actors.editor);
    const before = await contentCount();
    const tooLong = await saveComposerAction(
      body({
        content: { title: "Long", content: "a".repeat(300), content_type: "post" },
        mode: "schedule",
        platform_account_ids: [x],
        schedule: { scheduled_time: "2031-05-04T09:30", timezone: "UTC" },
      }),
    );
    expect(tooLong).toMatchObject({
      ok: false,
      error: { code: "bad_request:platform_validation", message: expect.stringContaining("X allows 280 characters") },
    });
    const past = await saveComposerAction(
      body({ mode: "schedule", platform_account_ids: [sandbox], schedule: { scheduled_time: "2020-01-01T09:00", timezone: "UTC" } }),
    );
    expect(past).toMatchObject({ ok: false, error: { code: "bad_request:past_time" } });
    expect(await contentCount()).toBe(before);
  });

  it("updates existing content with its version, removing a cleared text, and refuses a stale version", async () => {
    as(W.actors.editor);
    const made = await saveComposerAction(body({ mode: "draft", variants: { x: "Mine" } }));
    if (!made.ok) throw new Error(made.error.message);
    const id = made.data.id;
    const r = await saveComposerAction(
      body({ id, version: 1, content: { title: "Renamed", content: "New body", content_type: "post" }, mode: "draft", variants: { x: null } }),
    );
    expect(r).toMatchObject({ ok: true, data: { id } });
    expect(await ref.current.db.select().from(contentVariants).where(eq(contentVariants.contentItemId, id))).toEqual([]);
    const [item] = await ref.current.db.select().from(contentItems).where(eq(contentItems.id, id));
    expect(item).toMatchObject({ title: "Renamed", content: "New body", version: 2 });
    const stale = await saveComposerAction(body({ id, version: 1, mode: "draft" }));
    expect(stale).toMatchObject({ ok: false, error: { code: "conflict:version" } });
  });
});

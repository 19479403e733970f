import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { platformAccounts, schedules } from "@/db/schema";
import { createContent } from "@/lib/content";
import { createSchedules } from "@/lib/scheduling/create";
import * as list from "./blackouts/route";
import * as one from "./blackouts/[id]/route";
import * as prefs from "./me/preferences/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let B: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  B = await makeWorkspaceWithTokens(ref.current.db);
});

describe("blackouts", () => {
  it("are created, listed, changed and deleted; bad windows and foreign ids are refused", async () => {
    const made = await call(list.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { starts_at: "2031-12-24T00:00:00Z", ends_at: "2031-12-27T00:00:00Z", reason: "Holidays" },
    });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ platform_account_id: null, starts_at: "2031-12-24T00:00:00.000Z", reason: "Holidays" });
    const backwards = await call(list.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { starts_at: "2031-12-27T00:00:00Z", ends_at: "2031-12-24T00:00:00Z" },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.json!.error.message).toMatch(/ends_at must be after starts_at/);
    const [foreign] = await ref.current.db.insert(platformAccounts).values({ workspaceId: B.workspace.id, platform: "sandbox", name: "B" }).returning();
    expect(
      (
        await call(list.POST, {
          method: "POST",
          token: A.tokens.editor,
          body: { starts_at: "2031-12-24T00:00:00Z", ends_at: "2031-12-25T00:00:00Z", platform_account_id: foreign!.id },
        })
      ).status,
    ).toBe(404);
    const id = made.json!.id;
    expect((await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id }, body: { reason: "Closed" } })).json!.reason).toBe("Closed");
    expect((await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id }, body: { ends_at: "2031-12-01T00:00:00Z" } })).status).toBe(400);
    expect((await call(list.GET, { token: A.tokens.viewer })).json!.items).toHaveLength(1);
    expect((await call(list.GET, { token: B.tokens.viewer })).json!.items).toHaveLength(0);
    for (const run of [
      () => call(list.POST, { method: "POST", token: A.tokens.viewer, body: { starts_at: "2031-12-24T00:00:00Z", ends_at: "2031-12-25T00:00:00Z" } }),
      () => call(one.PATCH, { method: "PATCH", token: A.tokens.viewer, params: { id }, body: { reason: "x" } }),
      () => call(one.DELETE, { method: "DELETE", token: A.tokens.viewer, params: { id } }),
    ])
      expect((await run()).status).toBe(403);
    expect((await call(one.GET, { token: B.tokens.admin, params: { id } })).status).toBe(404);
    expect((await call(one.DELETE, { method: "DELETE", token: B.tokens.admin, params: { id } })).status).toBe(404);
    expect((await call(one.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id } })).status).toBe(204);
    expect((await call(one.GET, { token: A.tokens.editor, params: { id } })).status).toBe(404);
  });
});

describe("preferences", () => {
  it("are each person's own: read defaults, set zone and frequency, refuse an unknown zone", async () => {
    expect((await call(prefs.GET, { token: A.tokens.viewer })).json).toMatchObject({ timezone: "UTC", week_start: 1, posting_frequency: {} });
    const set = await call(prefs.PUT, {
      method: "PUT",
      token: A.tokens.viewer,
      body: { timezone: "Europe/Berlin", posting_frequency: { x: { min_per_week: 2, max_per_week: 5 } } },
    });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ timezone: "Europe/Berlin", posting_frequency: { x: { min_per_week: 2, max_per_week: 5 } } });
    expect((await call(prefs.GET, { token: A.tokens.editor })).json!.timezone).toBe("UTC");
    expect((await call(prefs.PUT, { method: "PUT", token: A.tokens.viewer, body: { timezone: "Nowhere/Land" } })).status).toBe(400);
    expect(
      (await call(prefs.PUT, { method: "PUT", token: A.tokens.viewer, body: { posting_frequency: { x: { min_per_week: 6, max_per_week: 5 } } } })).status,
    ).toBe(400);
    expect((await call(prefs.GET, { token: A.tokens.viewer })).json!.timezone).toBe("Europe/Berlin");
  });
});

describe("a daily 09:00 Europe/Berlin series", () => {
  it.each([
    ["late March", "2027-03-24T09:00", new Date("2027-03-20T00:00:00Z"), "2027-03-28", ["08:00", "07:00"]],
    ["late October", "2027-10-27T09:00", new Date("2027-10-20T00:00:00Z"), "2027-10-31", ["07:00", "08:00"]],
  ])("stays 09:00 local across the %s clock change", async (_label, start, now, changeDay, [beforeUtc, afterUtc]) => {
    const actor = A.actors.editor;
    const [acc] = await ref.current.db
      .insert(platformAccounts)
      .values({ workspaceId: A.workspace.id, platform: "sandbox", name: `DST ${start}` })
      .returning();
    const item = await createContent(ref.current.db, actor, { title: "Daily", content: "Good morning", content_type: "post" });
    const r = await createSchedules(
      ref.current.db,
      actor,
      {
        content_item_id: item.id,
        platform_account_id: acc!.id,
        scheduled_time: start,
        timezone: "Europe/Berlin",
        recurrence: { rrule: "FREQ=DAILY;COUNT=10" },
        retry_strategy: "exponential",
        max_retries: 3,
        priority: "normal",
        missed_policy: "publish_late",
      },
      now,
    );
    expect(r.seriesId).not.toBeNull();
    const rows = await ref.current.db
      .select()
      .from(schedules)
      .where(and(eq(schedules.contentItemId, item.id)))
      .orderBy(schedules.scheduledTime);
    expect(rows).toHaveLength(10);
    for (const s of rows) {
      expect(s.localTime.slice(11)).toBe("09:00");
      expect(s.recurrenceSeriesId).toBe(r.seriesId);
      const utc = s.scheduledTime.toISOString().slice(11, 16);
      expect(utc).toBe(s.localTime.slice(0, 10) < changeDay! ? beforeUtc : afterUtc);
    }
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { platformAccounts, schedules } from "@/db/schema";
import * as content from "./content/route";
import * as list from "./schedules/route";
import * as one from "./schedules/[id]/route";
import * as blackouts from "./blackouts/route";
import * as cal from "./schedules/calendar/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let acc: string;
let other: string;

const item = async (title: string) =>
  (await call(content.POST, { method: "POST", token: A.tokens.editor, body: { title, content: `${title} body` } })).json!.id as string;
const schedule = (content_item_id: string, scheduled_time: string, account = acc) =>
  call(list.POST, {
    method: "POST",
    token: A.tokens.editor,
    body: { content_item_id, platform_account_id: account, scheduled_time, timezone: "Europe/Berlin" },
  });

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  const rows = await ref.current.db
    .insert(platformAccounts)
    .values([
      { workspaceId: A.workspace.id, platform: "sandbox", name: "Main", config: { min_gap_minutes: 60 } },
      { workspaceId: A.workspace.id, platform: "sandbox", name: "Other" },
    ])
    .returning();
  acc = rows[0]!.id;
  other = rows[1]!.id;
  await call(blackouts.POST, {
    method: "POST",
    token: A.tokens.editor,
    body: { starts_at: "2031-07-10T00:00:00+02:00", ends_at: "2031-07-11T00:00:00+02:00", platform_account_id: acc, reason: "Company offsite" },
  });
});

describe("conflicts", () => {
  it("refuses a time inside a blackout with 409, naming the window and the next free time", async () => {
    const r = await schedule(await item("Offsite post"), "2031-07-10T11:00");
    expect(r.status).toBe(409);
    expect(r.json!.error.code).toBe("conflict:blackout");
    expect(r.json!.error.message).toMatch(/Company offsite/);
    expect(r.json!.error.details[0].suggested_time).toBe("2031-07-10T22:00:00.000Z");
    // The words name wall times in the schedule's zone, never a raw ISO instant (that stays in details).
    expect(r.json!.error.message).toMatch(/The next free time is 2031-07-11 00:00 \(Europe\/Berlin\)/);
    expect(r.json!.error.message).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    // Another account is not blacked out.
    expect((await schedule(await item("Elsewhere"), "2031-07-10T11:00", other)).status).toBe(201);
  });

  it("warns (and still schedules) when posts come too close on one account, with a free time", async () => {
    expect((await schedule(await item("Morning"), "2031-07-14T09:00")).status).toBe(201);
    const close = await schedule(await item("Too soon"), "2031-07-14T09:30");
    expect(close.status).toBe(201);
    const gap = close.json!.warnings.find((w: { conflict_type: string }) => w.conflict_type === "min_gap");
    expect(gap.message).toMatch(/30 minutes/);
    expect(gap.message).toMatch(/minimum gap 1 hour|minimum gap 60 minutes/);
    expect(gap.suggested_time).toBe("2031-07-14T08:00:00.000Z");
  });

  it("warns about the same content on the same account within a week", async () => {
    const id = await item("Repeat");
    expect((await schedule(id, "2031-07-20T12:00")).json!.warnings).toEqual([]);
    const again = await schedule(id, "2031-07-23T12:00");
    expect(again.json!.warnings.map((w: { conflict_type: string }) => w.conflict_type)).toContain("duplicate");
    expect((await schedule(id, "2031-07-31T12:00")).json!.warnings).toEqual([]); // 8 days after the last one
  });

  it("refuses moving a schedule into a blackout and leaves it where it was", async () => {
    const s = (await schedule(await item("Mover"), "2031-07-15T15:00")).json!.schedules[0].id;
    const r = await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: s }, body: { scheduled_time: "2031-07-10T15:00" } });
    expect(r.status).toBe(409);
    const [row] = await ref.current.db.select().from(schedules).where(eq(schedules.id, s));
    expect(row!.localTime).toBe("2031-07-15T15:00");
  });
});

describe("calendar", () => {
  it("renders the range's events in the requested zone and lists its conflicts", async () => {
    const r = await call(cal.GET, {
      token: A.tokens.viewer,
      path: "/api/v1/schedules/calendar?start_date=2031-07-14&end_date=2031-07-14&timezone=America/New_York",
    });
    expect(r.status).toBe(200);
    expect(r.json!.timezone).toBe("America/New_York");
    expect(r.json!.events.map((e: { title: string; start: string }) => [e.title, e.start])).toEqual([
      ["Morning", "2031-07-14T03:00:00-04:00"],
      ["Too soon", "2031-07-14T03:30:00-04:00"],
    ]);
    expect(r.json!.events[0]).toMatchObject({ platform_account_id: acc, publish_status: "pending", color: "#2563eb", end: "2031-07-14T03:30:00-04:00" });
    expect(r.json!.conflicts).toEqual([
      expect.objectContaining({ type: "min_gap", schedule_ids: expect.arrayContaining(r.json!.events.map((e: { id: string }) => e.id)) }),
    ]);
    const filtered = await call(cal.GET, {
      token: A.tokens.viewer,
      path: "/api/v1/schedules/calendar?start_date=2031-07-01&end_date=2031-07-31&status_filter=published",
    });
    expect(filtered.json!.events).toEqual([]);
    expect((await call(cal.GET, { token: A.tokens.viewer, path: "/api/v1/schedules/calendar?start_date=2031-07-31&end_date=2031-07-01" })).status).toBe(400);
    expect((await call(cal.GET, { token: A.tokens.viewer, path: "/api/v1/schedules/calendar?start_date=2031-07-01" })).status).toBe(400);
  });
});

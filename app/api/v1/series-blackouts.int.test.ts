import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { platformAccounts, recurrenceSeries, schedules } from "@/db/schema";
import { extendSeries } from "@/lib/scheduling/series";
import { previewSeries } from "@/lib/scheduling/series-preview";
import * as list from "./schedules/route";
import * as blackouts from "./blackouts/route";
import * as contentRoute from "./content/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let one: string;
let two: string;

const newContent = async (title: string) =>
  (await call(contentRoute.POST, { method: "POST", token: A.tokens.editor, body: { title, content: `${title} body` } })).json!.id as string;
const rowsOf = (item: string) =>
  ref.current.db.select().from(schedules).where(eq(schedules.contentItemId, item)).orderBy(schedules.scheduledTime, schedules.platformAccountId);
const seriesCount = async () =>
  (await ref.current.db.select({ n: sql<number>`count(*)::int` }).from(recurrenceSeries).where(eq(recurrenceSeries.workspaceId, A.workspace.id)))[0]!.n;
const daily = (item: string, over: Record<string, unknown> = {}) => ({
  content_item_id: item,
  platform_account_ids: [one],
  scheduled_time: "2031-03-01T09:00",
  timezone: "Europe/Berlin",
  recurrence: { rrule: "FREQ=DAILY;COUNT=7" },
  ...over,
});

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  const rows = await ref.current.db
    .insert(platformAccounts)
    .values([
      { workspaceId: A.workspace.id, platform: "sandbox", name: "One" },
      { workspaceId: A.workspace.id, platform: "sandbox", name: "Two" },
    ])
    .returning();
  [one, two] = rows.map((r) => r.id) as [string, string];
  // 3 March 2031, the whole day in Berlin, for every account.
  expect(
    (
      await call(blackouts.POST, {
        method: "POST",
        token: A.tokens.editor,
        body: { starts_at: "2031-03-03T00:00:00+01:00", ends_at: "2031-03-04T00:00:00+01:00", reason: "Press day" },
      })
    ).status,
  ).toBe(201);
  // 5 March 2031 for account Two only.
  expect(
    (
      await call(blackouts.POST, {
        method: "POST",
        token: A.tokens.editor,
        body: { starts_at: "2031-03-05T00:00:00+01:00", ends_at: "2031-03-06T00:00:00+01:00", platform_account_id: two, reason: "Two is quiet" },
      })
    ).status,
  ).toBe(201);
});

describe("a recurring series across a blackout", () => {
  it("is created without the occurrences inside it, and lists them as skipped_occurrences", async () => {
    const item = await newContent("Daily tip");
    const r = await call(list.POST, { method: "POST", token: A.tokens.editor, body: daily(item, { platform_account_ids: [one, two] }) });
    expect(r.status).toBe(201);
    expect(r.json!.recurrence_series_id).toEqual(expect.any(String));
    expect(r.json!.skipped_occurrences).toEqual([
      {
        scheduled_time: "2031-03-03T08:00:00.000Z",
        local_time: "2031-03-03T09:00",
        timezone: "Europe/Berlin",
        platform_account_ids: expect.arrayContaining([one, two]),
        blackout_id: expect.any(String),
        reason: "Press day",
      },
      {
        scheduled_time: "2031-03-05T08:00:00.000Z",
        local_time: "2031-03-05T09:00",
        timezone: "Europe/Berlin",
        platform_account_ids: [two],
        blackout_id: expect.any(String),
        reason: "Two is quiet",
      },
    ]);
    expect(r.json!.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: "conflict",
          conflict_type: "blackout",
          message: expect.stringMatching(/^2 occurrences .* skipped: 2031-03-03 09:00 \(Europe\/Berlin\), 2031-03-05 09:00/),
        }),
      ]),
    );
    const rows = await rowsOf(item);
    const days = (acc: string) => rows.filter((s) => s.platformAccountId === acc).map((s) => s.localTime.slice(0, 10));
    expect(days(one)).toEqual(["2031-03-01", "2031-03-02", "2031-03-04", "2031-03-05", "2031-03-06", "2031-03-07"]);
    expect(days(two)).toEqual(["2031-03-01", "2031-03-02", "2031-03-04", "2031-03-06", "2031-03-07"]);
    expect(rows.every((s) => s.recurrenceSeriesId === r.json!.recurrence_series_id)).toBe(true);
    expect(r.json!.schedules).toHaveLength(rows.length);
  });

  it('with on_blackout: "reject" is refused as before, and nothing is created', async () => {
    const item = await newContent("Strict");
    const series = await seriesCount();
    const r = await call(list.POST, { method: "POST", token: A.tokens.editor, body: daily(item, { on_blackout: "reject" }) });
    expect(r.status).toBe(409);
    expect(r.json!.error.code).toBe("conflict:blackout");
    expect(r.json!.error.message).toMatch(/Press day/);
    expect(await rowsOf(item)).toHaveLength(0);
    expect(await seriesCount()).toBe(series);
    expect((await call(list.POST, { method: "POST", token: A.tokens.editor, body: daily(item, { on_blackout: "sometimes" }) })).status).toBe(400);
  });

  it("a single post inside a blackout is still refused", async () => {
    const item = await newContent("Once");
    const r = await call(list.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { content_item_id: item, platform_account_id: one, scheduled_time: "2031-03-03T09:00", timezone: "Europe/Berlin" },
    });
    expect(r.status).toBe(409);
    expect(r.json!.error.code).toBe("conflict:blackout");
    expect(await rowsOf(item)).toHaveLength(0);
  });

  it("extending a series later skips a blackout too, and a new blackout skips the open occurrences it covers", async () => {
    const item = await newContent("Weekly");
    // Made "now" with a 60-day horizon: occurrences up to early March exist; the rest come from the job.
    const created = await call(list.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: {
        content_item_id: item,
        platform_account_id: one,
        scheduled_time: "2031-01-06T09:00",
        timezone: "Europe/Berlin",
        recurrence: { rrule: "FREQ=WEEKLY;COUNT=20" },
      },
    });
    expect(created.status).toBe(201);
    // A blackout far ahead, beyond what was made, then the job extends the series past it.
    expect(
      (
        await call(blackouts.POST, {
          method: "POST",
          token: A.tokens.editor,
          body: { starts_at: "2031-04-14T00:00:00+02:00", ends_at: "2031-04-15T00:00:00+02:00", reason: "Easter" },
        })
      ).status,
    ).toBe(201);
    await extendSeries(ref.current.db, new Date("2031-03-20T00:00:00Z"));
    await extendSeries(ref.current.db, new Date("2031-05-20T00:00:00Z"));
    const locals = (await rowsOf(item)).map((s) => s.localTime.slice(0, 10));
    expect(locals).toContain("2031-04-07");
    expect(locals).toContain("2031-04-21");
    expect(locals).not.toContain("2031-04-14");
    expect(locals).not.toContain("2031-03-03");
    // A blackout added over an occurrence already made: that occurrence is skipped, not published.
    expect(
      (
        await call(blackouts.POST, {
          method: "POST",
          token: A.tokens.editor,
          body: { starts_at: "2031-01-13T00:00:00+01:00", ends_at: "2031-01-14T00:00:00+01:00", reason: "Offsite" },
        })
      ).status,
    ).toBe(201);
    const after = await rowsOf(item);
    expect(after.find((s) => s.localTime.startsWith("2031-01-13"))).toMatchObject({
      publishStatus: "skipped",
      errorMessage: "skipped: falls in a blackout (Offsite)",
    });
    expect(after.find((s) => s.localTime.startsWith("2031-01-20"))!.publishStatus).toBe("pending");
  });

  it("the composer's preview marks the occurrences a blackout will skip", async () => {
    const items = await previewSeries(ref.current.db, A.actors.editor, {
      rrule: "FREQ=DAILY;COUNT=7",
      scheduled_time: "2031-03-02T09:00",
      timezone: "Europe/Berlin",
      limit: 5,
    });
    expect(items.map((i) => [i.local.slice(0, 10), i.skipped])).toEqual([
      ["2031-03-02", null],
      ["2031-03-03", { reason: "Press day", accounts: null }],
      ["2031-03-04", null],
      ["2031-03-05", { reason: "Two is quiet", accounts: ["Two"] }],
      ["2031-03-06", null],
    ]);
    const onOne = await previewSeries(ref.current.db, A.actors.editor, {
      rrule: "FREQ=DAILY;COUNT=7",
      scheduled_time: "2031-03-02T09:00",
      timezone: "Europe/Berlin",
      platform_account_ids: [one],
      limit: 5,
    });
    expect(onOne.filter((i) => i.skipped).map((i) => i.local.slice(0, 10))).toEqual(["2031-03-03"]);
    const onTwo = await previewSeries(ref.current.db, A.actors.editor, {
      rrule: "FREQ=DAILY;COUNT=7",
      scheduled_time: "2031-03-02T09:00",
      timezone: "Europe/Berlin",
      platform_account_ids: [two],
      limit: 5,
    });
    expect(onTwo.find((i) => i.local.startsWith("2031-03-05"))!.skipped).toEqual({ reason: "Two is quiet", accounts: null });
  });
});

import { describe, expect, it } from "vitest";
import { checkSlot, defaultRules, findConflicts, suggestFreeTime, type AccountRules, type Blackout, type Slot } from "./index";

const rules =
  (o: Partial<AccountRules> = {}) =>
  (): AccountRules => ({ minGapMinutes: 15, dailyCap: null, duplicateDays: 7, ...o });
const slot = (id: string, instant: string, more: Partial<Slot> = {}): Slot => ({
  id,
  accountId: "A",
  platformId: "x",
  contentItemId: `c-${id}`,
  instant: new Date(instant),
  status: "pending",
  ...more,
});
const candidate = (instant: string, more: Partial<Slot> = {}): Slot => ({
  accountId: "A",
  platformId: "x",
  contentItemId: "new",
  instant: new Date(instant),
  ...more,
});
const ctx = (existing: Slot[], o: { blackouts?: Blackout[]; rules?: Partial<AccountRules>; timezone?: string } = {}) => ({
  existing,
  blackouts: o.blackouts ?? [],
  rules: rules(o.rules),
  timezone: o.timezone ?? "UTC",
});
const now = new Date("2026-01-01T00:00:00Z");
const blackout = (id: string, accountId: string | null, startsAt: string, endsAt: string, reason: string | null = null): Blackout => ({
  id,
  accountId,
  startsAt: new Date(startsAt),
  endsAt: new Date(endsAt),
  reason,
});

describe("defaultRules", () => {
  it("derives the daily cap from documented limits only", () => {
    expect(defaultRules("instagram")).toEqual({ minGapMinutes: 15, dailyCap: 50, duplicateDays: 7 });
    expect(defaultRules("x").dailyCap).toBe(200 * 96); // 200 per 15 min, scaled to 24 h
    expect(defaultRules("mastodon").dailyCap).toBe(2400); // 300 per 3 h
    expect(defaultRules("bluesky").dailyCap).toBe(11_666); // the daily points budget is tighter than 1,666/h × 24
    expect(defaultRules("facebook").dailyCap).toBeNull(); // a guessed limit gives no cap
    expect(defaultRules("instagram", { minGapMinutes: 60, dailyCap: null })).toEqual({ minGapMinutes: 60, dailyCap: null, duplicateDays: 7 });
    expect(defaultRules("instagram", { dailyCap: undefined }).dailyCap).toBe(50);
  });
});

describe("checkSlot: blackouts", () => {
  const blackouts = [
    blackout("b-acc", "A", "2026-06-01T10:00:00Z", "2026-06-01T12:00:00Z", "Maintenance"),
    blackout("b-all", null, "2026-06-02T00:00:00Z", "2026-06-03T00:00:00Z"),
  ];

  it("applies an account's blackout to that account only, with the window in the zone", () => {
    const c = ctx([], { blackouts, timezone: "Europe/Berlin" });
    expect(checkSlot(candidate("2026-06-01T11:00:00Z"), c)).toEqual([
      {
        type: "blackout",
        severity: "error",
        message: "Falls in this account's blackout 2026-06-01 12:00 – 2026-06-01 14:00 (Europe/Berlin): Maintenance",
        scheduleIds: [],
        blackoutId: "b-acc",
      },
    ]);
    expect(checkSlot(candidate("2026-06-01T11:00:00Z", { accountId: "B" }), c)).toEqual([]);
  });

  it("applies a workspace-wide blackout to every account", () => {
    const c = ctx([], { blackouts, timezone: "Europe/Berlin" });
    for (const accountId of ["A", "B"]) {
      const [hit, ...rest] = checkSlot(candidate("2026-06-02T05:00:00Z", { accountId, id: "s9" }), c);
      expect(rest).toEqual([]);
      expect(hit).toEqual({
        type: "blackout",
        severity: "error",
        message: "Falls in the workspace-wide blackout 2026-06-02 02:00 – 2026-06-03 02:00 (Europe/Berlin)",
        scheduleIds: ["s9"],
        blackoutId: "b-all",
      });
    }
  });

  it("includes the start and excludes the end", () => {
    const c = ctx([], { blackouts });
    expect(checkSlot(candidate("2026-06-01T10:00:00Z"), c)).toHaveLength(1);
    expect(checkSlot(candidate("2026-06-01T11:59:59.999Z"), c)).toHaveLength(1);
    expect(checkSlot(candidate("2026-06-01T12:00:00Z"), c)).toEqual([]);
    expect(checkSlot(candidate("2026-06-01T09:59:59.999Z"), c)).toEqual([]);
  });
});

describe("checkSlot: warnings", () => {
  const launch = slot("s1", "2026-06-01T09:00:00Z", { title: "Launch" });

  it("warns about the minimum gap on either side, not at exactly the gap or on another account", () => {
    const c = ctx([launch]);
    expect(checkSlot(candidate("2026-06-01T09:10:00Z"), c)).toEqual([
      { type: "min_gap", severity: "warning", message: "Only 10 minutes after “Launch” on this account (minimum gap 15 minutes)", scheduleIds: ["s1"] },
    ]);
    expect(checkSlot(candidate("2026-06-01T08:46:00Z", { id: "s2" }), c)).toEqual([
      { type: "min_gap", severity: "warning", message: "Only 14 minutes before “Launch” on this account (minimum gap 15 minutes)", scheduleIds: ["s2", "s1"] },
    ]);
    expect(checkSlot(candidate("2026-06-01T09:00:00Z"), c)[0]?.message).toBe("At the same time as “Launch” on this account (minimum gap 15 minutes)");
    expect(checkSlot(candidate("2026-06-01T09:15:00Z"), c)).toEqual([]);
    expect(checkSlot(candidate("2026-06-01T08:45:00Z"), c)).toEqual([]);
    expect(checkSlot(candidate("2026-06-01T09:05:00Z", { accountId: "B" }), c)).toEqual([]);
    expect(checkSlot(candidate("2026-06-01T10:00:00Z"), ctx([launch], { rules: { minGapMinutes: 90 } }))[0]?.message).toBe(
      "Only 1 hour after “Launch” on this account (minimum gap 1 hour 30 minutes)",
    );
  });

  it("counts the daily cap on the local day, not the UTC day", () => {
    // 13:00 and 22:00 PDT on 1 June; 06:30Z on 2 June is still 23:30 on 1 June in Los Angeles.
    const existing = [slot("s1", "2026-06-01T20:00:00Z"), slot("s2", "2026-06-02T05:00:00Z")];
    const la = ctx(existing, { rules: { dailyCap: 2 }, timezone: "America/Los_Angeles" });
    expect(checkSlot(candidate("2026-06-02T06:30:00Z"), la)).toEqual([
      {
        type: "daily_cap",
        severity: "warning",
        message: "This would be post 3 on 2026-06-01 (America/Los_Angeles) for this account, over the daily cap of 2",
        scheduleIds: ["s1", "s2"],
      },
    ]);
    expect(checkSlot(candidate("2026-06-02T07:30:00Z"), la)).toEqual([]); // 00:30 on 2 June
    // In UTC the same instant shares 2 June with s2 only.
    expect(checkSlot(candidate("2026-06-02T06:30:00Z"), ctx(existing, { rules: { dailyCap: 2 } }))).toEqual([]);
  });

  it("flags the same content on the same account within 7 days, on the wall clock", () => {
    const c = ctx([slot("s1", "2026-06-01T09:00:00Z", { contentItemId: "c1" })]);
    expect(checkSlot(candidate("2026-06-04T09:00:00Z", { contentItemId: "c1", title: "Launch" }), c)).toEqual([
      {
        type: "duplicate",
        severity: "warning",
        message: "“Launch” is already scheduled on this account at 2026-06-01 09:00 (3 days earlier); keep repeats at least 7 days apart",
        scheduleIds: ["s1"],
      },
    ]);
    expect(checkSlot(candidate("2026-06-08T08:59:00Z", { contentItemId: "c1" }), c).map((x) => x.type)).toEqual(["duplicate"]);
    expect(checkSlot(candidate("2026-06-08T09:00:00Z", { contentItemId: "c1" }), c)).toEqual([]);
    expect(checkSlot(candidate("2026-06-04T09:00:00Z", { contentItemId: "c1", accountId: "B" }), c)).toEqual([]);
    // 09:00 CET to 09:00 CEST a week later is 6 days 23 hours of real time, but a week on the calendar.
    const berlin = ctx([slot("s1", "2026-03-23T08:00:00Z", { contentItemId: "c1" })], { timezone: "Europe/Berlin" });
    expect(checkSlot(candidate("2026-03-30T07:00:00Z", { contentItemId: "c1" }), berlin)).toEqual([]);
  });

  it("ignores the rescheduled slot itself and slots that will never publish", () => {
    const c = ctx([launch]);
    expect(checkSlot({ ...launch, instant: new Date("2026-06-01T09:05:00Z") }, c)).toEqual([]);
    const dead = ["cancelled", "failed", "skipped", "expired", "dead_letter"].map((status, i) =>
      slot(`d${i}`, "2026-06-01T09:05:00Z", { status, contentItemId: "new" }),
    );
    expect(checkSlot(candidate("2026-06-01T09:05:00Z"), ctx(dead, { rules: { dailyCap: 1 } }))).toEqual([]);
    const live = ["pending", "paused", "publishing", "published"].map((status, i) => slot(`l${i}`, "2026-06-01T09:05:00Z", { status }));
    expect(checkSlot(candidate("2026-06-01T09:05:00Z"), ctx(live))).toHaveLength(4);
    expect(checkSlot(candidate("2026-06-01T09:05:00Z", { status: "cancelled" }), ctx(live))).toEqual([]);
  });
});

describe("suggestFreeTime", () => {
  it("returns the candidate itself when it is free, and skips past a blackout", () => {
    expect(suggestFreeTime(candidate("2026-06-01T10:00:00Z"), ctx([]), { now })).toEqual(new Date("2026-06-01T10:00:00Z"));
    const c = ctx([], { blackouts: [blackout("b", null, "2026-06-01T10:00:00Z", "2026-06-01T11:00:00Z")] });
    expect(suggestFreeTime(candidate("2026-06-01T10:00:00Z"), c, { now })).toEqual(new Date("2026-06-01T11:00:00Z"));
  });

  it("skips a full local day and then a blackout at the start of the next one", () => {
    // Cap 1, 1 June already has its post at 08:00 PDT; 2 June 00:00–06:00 PDT is blacked out.
    const c = ctx([slot("s1", "2026-06-01T15:00:00Z")], { rules: { dailyCap: 1 }, timezone: "America/Los_Angeles" });
    expect(suggestFreeTime(candidate("2026-06-01T19:00:00Z"), c, { now })).toEqual(new Date("2026-06-02T07:00:00Z"));
    c.blackouts = [blackout("b", "A", "2026-06-02T07:00:00Z", "2026-06-02T13:00:00Z")];
    expect(suggestFreeTime(candidate("2026-06-01T19:00:00Z"), c, { now })).toEqual(new Date("2026-06-02T13:00:00Z"));
  });

  it("starts at now on the candidate's grid and gives up after the horizon", () => {
    expect(suggestFreeTime(candidate("2026-06-01T08:05:00Z"), ctx([]), { now: new Date("2026-06-01T09:07:00Z") })).toEqual(new Date("2026-06-01T09:20:00Z"));
    const long = ctx([], { blackouts: [blackout("b", null, "2026-06-01T00:00:00Z", "2026-06-20T00:00:00Z")] });
    expect(suggestFreeTime(candidate("2026-06-01T10:00:00Z"), long, { now })).toBeNull();
    expect(suggestFreeTime(candidate("2026-06-01T10:00:00Z"), long, { now, horizonDays: 30, stepMinutes: 60 })).toEqual(new Date("2026-06-20T00:00:00Z"));
  });
});

describe("findConflicts", () => {
  const slots = [
    slot("s1", "2026-06-01T09:00:00Z", { contentItemId: "c1", title: "Launch" }),
    slot("s2", "2026-06-01T09:10:00Z", { title: "Recap" }),
    slot("s3", "2026-06-01T09:20:00Z"),
    slot("s4", "2026-06-01T12:00:00Z"),
    slot("s5", "2026-06-03T09:00:00Z", { contentItemId: "c1" }),
    slot("s6", "2026-06-03T09:05:00Z", { status: "cancelled" }),
    slot("s7", "2026-06-05T10:00:00Z"),
    slot("s8", "2026-06-01T09:05:00Z", { accountId: "B" }),
    slot("s9", "2026-06-20T09:00:00Z", { contentItemId: "c1" }),
  ];
  const c = { blackouts: [blackout("b", null, "2026-06-05T00:00:00Z", "2026-06-06T00:00:00Z", "Offsite")], rules: rules({ dailyCap: 3 }), timezone: "UTC" };

  it("reports each group once with all its ids, in time order", () => {
    expect(findConflicts(slots, c)).toEqual([
      {
        type: "min_gap",
        severity: "warning",
        message: "3 posts between 2026-06-01 09:00 and 2026-06-01 09:20 on this account follow each other less than 15 minutes apart (minimum gap 15 minutes)",
        scheduleIds: ["s1", "s2", "s3"],
      },
      {
        type: "daily_cap",
        severity: "warning",
        message: "4 posts on 2026-06-01 (UTC) for this account, over the daily cap of 3",
        scheduleIds: ["s1", "s2", "s3", "s4"],
      },
      {
        type: "duplicate",
        severity: "warning",
        message: "“Launch” is scheduled twice on this account, 2 days apart (2026-06-01 09:00 and 2026-06-03 09:00); keep repeats at least 7 days apart",
        scheduleIds: ["s1", "s5"],
      },
      {
        type: "blackout",
        severity: "error",
        message: "A post at 2026-06-05 10:00 falls in the workspace-wide blackout 2026-06-05 00:00 – 2026-06-06 00:00 (UTC): Offsite",
        scheduleIds: ["s7"],
        blackoutId: "b",
      },
    ]);
  });

  it("names both posts of a pair and does not depend on input order", () => {
    const pair = [slot("s2", "2026-06-01T09:10:00Z", { title: "Recap" }), slot("s1", "2026-06-01T09:00:00Z", { title: "Launch" })];
    expect(findConflicts(pair, c).map((x) => x.message)).toEqual([
      "“Launch” at 2026-06-01 09:00 and “Recap” at 2026-06-01 09:10 are only 10 minutes apart on this account (minimum gap 15 minutes)",
    ]);
    expect(findConflicts([...slots].reverse(), c)).toEqual(findConflicts(slots, c));
  });

  it("handles thousands of slots (speed is measured by the API benchmark, not here)", () => {
    // 6,000 slots over a month on 3 accounts, each every 20 minutes (72 a day): nothing broken.
    const many = Array.from({ length: 6000 }, (_, i) =>
      slot(`m${i}`, new Date(Date.UTC(2026, 5, 1) + Math.floor(i / 3) * 20 * 60_000).toISOString(), { accountId: `acc${i % 3}` }),
    );
    expect(findConflicts(many, { blackouts: [], rules: rules({ dailyCap: 72 }), timezone: "Europe/Berlin" })).toEqual([]);
    expect(
      suggestFreeTime(
        candidate("2026-06-10T09:00:00Z", { accountId: "acc0" }),
        { ...c, existing: many, blackouts: [], rules: rules({ minGapMinutes: 30 }) },
        { now },
      ),
    ).toBeNull();
  });
});

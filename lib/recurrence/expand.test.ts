import { describe, expect, it } from "vitest";
import { parseLocal, type LocalDateTime } from "../time";
import { expandOccurrences, parseRecurrence, type ParsedRule, type RecurrenceSpec } from "./index";

const rule = (spec: RecurrenceSpec): ParsedRule => {
  const r = parseRecurrence(spec);
  if (!r.ok) throw new Error(r.message);
  return r.rule;
};
const local = (s: string): LocalDateTime => {
  const l = parseLocal(s);
  if (!l) throw new Error(`bad fixture ${s}`);
  return l;
};

describe("expandOccurrences", () => {
  it("expands a 2-year daily rule to 730 or 731 days", () => {
    const daily = rule({ rrule: "FREQ=DAILY" });
    const twoPlain = expandOccurrences(daily, {
      start: local("2026-01-01T09:00"),
      timezone: "Europe/Berlin",
      from: new Date("2026-01-01T00:00Z"),
      to: new Date("2028-01-01T00:00Z"),
    });
    expect(twoPlain).toHaveLength(730); // 2026 and 2027: 365 + 365
    expect(twoPlain[0]?.local).toBe("2026-01-01T09:00");
    expect(twoPlain.at(-1)?.local).toBe("2027-12-31T09:00");
    expect(twoPlain.every((o) => o.local.endsWith("T09:00") && !o.shifted)).toBe(true);

    const withLeapDay = expandOccurrences(daily, {
      start: local("2026-01-01T09:00"),
      timezone: "Europe/Berlin",
      from: new Date("2027-01-01T00:00Z"),
      to: new Date("2029-01-01T00:00Z"),
    });
    expect(withLeapDay).toHaveLength(731); // 2027 + leap year 2028
    expect(withLeapDay.some((o) => o.local === "2028-02-29T09:00")).toBe(true);
  });

  it("returns instants in [from, to) only", () => {
    const hourlyish = rule({ cron: "0 * * * *" });
    const got = expandOccurrences(hourlyish, {
      start: local("2026-01-01T00:00"),
      timezone: "UTC",
      from: new Date("2026-01-01T10:00Z"),
      to: new Date("2026-01-01T13:00Z"),
    });
    expect(got.map((o) => o.instant.toISOString())).toEqual(["2026-01-01T10:00:00.000Z", "2026-01-01T11:00:00.000Z", "2026-01-01T12:00:00.000Z"]);
    expect(
      expandOccurrences(hourlyish, {
        start: local("2026-01-01T00:00"),
        timezone: "UTC",
        from: new Date("2026-01-02T00:00Z"),
        to: new Date("2026-01-01T00:00Z"),
      }),
    ).toEqual([]);
  });

  it("caps at the limit (1000 by default) and keeps the earliest", () => {
    const everyMinute = rule({ cron: "* * * * *" });
    const opts = { start: local("2020-01-01T00:00"), timezone: "Europe/Berlin", from: new Date("2026-01-01T00:00Z"), to: new Date("2028-01-01T00:00Z") };
    const capped = expandOccurrences(everyMinute, opts);
    expect(capped).toHaveLength(1000);
    expect(capped[0]?.instant.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(capped[999]?.instant.toISOString()).toBe("2026-01-01T16:39:00.000Z"); // 999 minutes later
    expect(expandOccurrences(everyMinute, { ...opts, limit: 3 }).map((o) => o.local)).toEqual(["2026-01-01T01:00", "2026-01-01T01:01", "2026-01-01T01:02"]);
  });

  it("sorts by instant even when a shifted gap time lands after a later wall time", () => {
    // Positions 2 and 3 of {02:15, 02:45, 03:15, 03:45} are 02:45 and 03:15. On 2026-03-08 in New York
    // 02:45 does not exist and becomes 03:45 EDT (07:45Z), which is after 03:15 EDT (07:15Z).
    const r = rule({ rrule: "FREQ=DAILY;BYHOUR=2,3;BYMINUTE=15,45;BYSETPOS=2,3" });
    const opts = { start: local("2026-03-08T00:00"), timezone: "America/New_York", from: new Date("2026-03-08T00:00Z"), to: new Date("2026-03-09T00:00Z") };
    expect(expandOccurrences(r, opts)).toEqual([
      { local: "2026-03-08T03:15", instant: new Date("2026-03-08T07:15:00Z"), shifted: false },
      { local: "2026-03-08T03:45", instant: new Date("2026-03-08T07:45:00Z"), shifted: true },
    ]);
    // The limit must keep the earlier instant, not the first one generated.
    expect(expandOccurrences(r, { ...opts, to: new Date("2026-03-12T00:00Z"), limit: 1 })).toEqual([
      { local: "2026-03-08T03:15", instant: new Date("2026-03-08T07:15:00Z"), shifted: false },
    ]);
  });

  it("counts from a start far before the window without converting every earlier occurrence", () => {
    // 2016-01-01 + 3999 days: 2016–2025 hold 3653 days (leap years 2016, 2020, 2024), so 347 fall in 2026.
    const r = rule({ rrule: "FREQ=DAILY", count: 4000 });
    const got = expandOccurrences(r, {
      start: local("2016-01-01T09:00"),
      timezone: "Europe/Berlin",
      from: new Date("2026-01-01T00:00Z"),
      to: new Date("2027-01-01T00:00Z"),
    });
    expect(got).toHaveLength(347);
    expect(got.at(-1)?.local).toBe("2026-12-13T09:00");
  });

  it("refuses bad arguments loudly", () => {
    const r = rule({ rrule: "FREQ=DAILY" });
    const ok = { start: local("2026-01-01T09:00"), timezone: "UTC", from: new Date("2026-01-01T00:00Z"), to: new Date("2026-02-01T00:00Z") };
    expect(() => expandOccurrences(r, { ...ok, timezone: "Nowhere/Land" })).toThrow(/Nowhere\/Land/);
    expect(() => expandOccurrences(r, { ...ok, start: { ...ok.start, day: 32 } })).toThrow(/start is not a valid time/);
    expect(() => expandOccurrences(r, { ...ok, from: new Date("nope") })).toThrow(RangeError);
    expect(() => expandOccurrences(r, { ...ok, limit: -1 })).toThrow(/limit/);
    expect(expandOccurrences(r, { ...ok, limit: 0 })).toEqual([]);
  });
});

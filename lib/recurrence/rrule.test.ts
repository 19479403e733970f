import { describe, expect, it } from "vitest";
import { parseLocal } from "../time";
import { expandOccurrences, parseRecurrence, type RecurrenceSpec } from "./index";

/** [wall time, UTC instant] pairs (with "shifted" appended when set), which read well in expectations. */
function expand(spec: RecurrenceSpec, start: string, timezone: string, from: string, to: string, limit?: number) {
  const parsed = parseRecurrence(spec);
  if (!parsed.ok) throw new Error(parsed.message);
  const startLocal = parseLocal(start);
  if (!startLocal) throw new Error(`bad start ${start}`);
  return expandOccurrences(parsed.rule, { start: startLocal, timezone, from: new Date(from), to: new Date(to), limit }).map((o) =>
    o.shifted ? [o.local, o.instant.toISOString(), "shifted"] : [o.local, o.instant.toISOString()],
  );
}

const message = (spec: RecurrenceSpec) => {
  const r = parseRecurrence(spec);
  return r.ok ? "(accepted)" : r.message;
};

describe("RRULE expansion", () => {
  it("FREQ=DAILY at 09:00 Europe/Berlin keeps 09:00 local across the March change", () => {
    expect(expand({ rrule: "FREQ=DAILY" }, "2026-03-25T09:00", "Europe/Berlin", "2026-03-25T00:00Z", "2026-04-03T00:00Z")).toEqual([
      ["2026-03-25T09:00", "2026-03-25T08:00:00.000Z"],
      ["2026-03-26T09:00", "2026-03-26T08:00:00.000Z"],
      ["2026-03-27T09:00", "2026-03-27T08:00:00.000Z"],
      ["2026-03-28T09:00", "2026-03-28T08:00:00.000Z"],
      ["2026-03-29T09:00", "2026-03-29T07:00:00.000Z"],
      ["2026-03-30T09:00", "2026-03-30T07:00:00.000Z"],
      ["2026-03-31T09:00", "2026-03-31T07:00:00.000Z"],
      ["2026-04-01T09:00", "2026-04-01T07:00:00.000Z"],
      ["2026-04-02T09:00", "2026-04-02T07:00:00.000Z"],
    ]);
  });

  it("FREQ=DAILY at 09:00 Europe/Berlin keeps 09:00 local across the October change", () => {
    expect(expand({ rrule: "FREQ=DAILY" }, "2026-10-23T09:00", "Europe/Berlin", "2026-10-23T00:00Z", "2026-10-28T00:00Z")).toEqual([
      ["2026-10-23T09:00", "2026-10-23T07:00:00.000Z"],
      ["2026-10-24T09:00", "2026-10-24T07:00:00.000Z"],
      ["2026-10-25T09:00", "2026-10-25T08:00:00.000Z"],
      ["2026-10-26T09:00", "2026-10-26T08:00:00.000Z"],
      ["2026-10-27T09:00", "2026-10-27T08:00:00.000Z"],
    ]);
  });

  it("FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9 over three weeks, minute taken from the start", () => {
    // 2026-03-16 is a Monday; Berlin moves to CEST on Sunday 2026-03-29.
    expect(expand({ rrule: "FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9" }, "2026-03-16T00:00", "Europe/Berlin", "2026-03-16T00:00Z", "2026-04-06T00:00Z")).toEqual([
      ["2026-03-16T09:00", "2026-03-16T08:00:00.000Z"],
      ["2026-03-18T09:00", "2026-03-18T08:00:00.000Z"],
      ["2026-03-23T09:00", "2026-03-23T08:00:00.000Z"],
      ["2026-03-25T09:00", "2026-03-25T08:00:00.000Z"],
      ["2026-03-30T09:00", "2026-03-30T07:00:00.000Z"],
      ["2026-04-01T09:00", "2026-04-01T07:00:00.000Z"],
    ]);
  });

  it("FREQ=WEEKLY;INTERVAL=2 counts weeks from the start's week (WKST=MO)", () => {
    // Start Wednesday 2026-03-04: its week (from Monday 03-02) is on, the next is off.
    expect(expand({ rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR" }, "2026-03-04T18:00", "UTC", "2026-03-01T00:00Z", "2026-04-01T00:00Z")).toEqual([
      ["2026-03-06T18:00", "2026-03-06T18:00:00.000Z"],
      ["2026-03-16T18:00", "2026-03-16T18:00:00.000Z"],
      ["2026-03-20T18:00", "2026-03-20T18:00:00.000Z"],
      ["2026-03-30T18:00", "2026-03-30T18:00:00.000Z"],
    ]);
  });

  it("FREQ=MONTHLY;BYDAY=-1FR;COUNT=3 gives the last three Fridays and then stops", () => {
    const all = expand({ rrule: "FREQ=MONTHLY;BYDAY=-1FR;COUNT=3" }, "2026-01-01T10:00", "Europe/Berlin", "2026-01-01T00:00Z", "2027-01-01T00:00Z");
    expect(all).toEqual([
      ["2026-01-30T10:00", "2026-01-30T09:00:00.000Z"],
      ["2026-02-27T10:00", "2026-02-27T09:00:00.000Z"],
      ["2026-03-27T10:00", "2026-03-27T09:00:00.000Z"],
    ]);
  });

  it("COUNT counts from the start, not from the window", () => {
    expect(expand({ rrule: "FREQ=MONTHLY;BYDAY=-1FR;COUNT=3" }, "2026-01-01T10:00", "Europe/Berlin", "2026-02-15T00:00Z", "2027-01-01T00:00Z")).toEqual([
      ["2026-02-27T10:00", "2026-02-27T09:00:00.000Z"],
      ["2026-03-27T10:00", "2026-03-27T09:00:00.000Z"],
    ]);
    expect(expand({ rrule: "FREQ=DAILY", count: 5 }, "2026-03-01T09:00", "Europe/Berlin", "2026-03-03T00:00Z", "2026-04-01T00:00Z")).toEqual([
      ["2026-03-03T09:00", "2026-03-03T08:00:00.000Z"],
      ["2026-03-04T09:00", "2026-03-04T08:00:00.000Z"],
      ["2026-03-05T09:00", "2026-03-05T08:00:00.000Z"],
    ]);
  });

  it("a start that does not match the rule is not an occurrence and not counted", () => {
    // 2026-03-03 is a Tuesday.
    expect(expand({ rrule: "FREQ=WEEKLY;BYDAY=MO;COUNT=2" }, "2026-03-03T09:00", "UTC", "2026-03-01T00:00Z", "2026-06-01T00:00Z")).toEqual([
      ["2026-03-09T09:00", "2026-03-09T09:00:00.000Z"],
      ["2026-03-16T09:00", "2026-03-16T09:00:00.000Z"],
    ]);
  });

  it("FREQ=DAILY;INTERVAL=2;UNTIL=… includes an occurrence exactly at UNTIL", () => {
    // 09:00 CEST is 07:00Z, so UNTIL=20260409T070000Z is the 9 April occurrence itself.
    expect(
      expand({ rrule: "FREQ=DAILY;INTERVAL=2;UNTIL=20260409T070000Z" }, "2026-04-01T09:00", "Europe/Berlin", "2026-01-01T00:00Z", "2027-01-01T00:00Z"),
    ).toEqual([
      ["2026-04-01T09:00", "2026-04-01T07:00:00.000Z"],
      ["2026-04-03T09:00", "2026-04-03T07:00:00.000Z"],
      ["2026-04-05T09:00", "2026-04-05T07:00:00.000Z"],
      ["2026-04-07T09:00", "2026-04-07T07:00:00.000Z"],
      ["2026-04-09T09:00", "2026-04-09T07:00:00.000Z"],
    ]);
  });

  it("UNTIL as a date or a wall time bounds by the zone's clock", () => {
    const days = (until: string) =>
      expand({ rrule: "FREQ=DAILY", until }, "2026-03-01T09:00", "Europe/Berlin", "2026-01-01T00:00Z", "2027-01-01T00:00Z").map(([l]) => l);
    const fiveDays = ["2026-03-01T09:00", "2026-03-02T09:00", "2026-03-03T09:00", "2026-03-04T09:00", "2026-03-05T09:00"];
    expect(days("2026-03-05")).toEqual(fiveDays);
    expect(days("2026-03-05T09:00")).toEqual(fiveDays);
    expect(days("2026-03-05T08:59")).toEqual(fiveDays.slice(0, 4));
  });

  it("moves an occurrence inside a DST gap forward by the gap and marks it", () => {
    expect(expand({ rrule: "FREQ=DAILY" }, "2026-03-06T02:30", "America/New_York", "2026-03-06T00:00Z", "2026-03-11T00:00Z")).toEqual([
      ["2026-03-06T02:30", "2026-03-06T07:30:00.000Z"],
      ["2026-03-07T02:30", "2026-03-07T07:30:00.000Z"],
      ["2026-03-08T03:30", "2026-03-08T07:30:00.000Z", "shifted"],
      ["2026-03-09T02:30", "2026-03-09T06:30:00.000Z"],
      ["2026-03-10T02:30", "2026-03-10T06:30:00.000Z"],
    ]);
  });

  it("takes the first instant of a repeated wall time", () => {
    expect(expand({ rrule: "FREQ=DAILY" }, "2026-10-31T01:30", "America/New_York", "2026-10-31T00:00Z", "2026-11-03T00:00Z")).toEqual([
      ["2026-10-31T01:30", "2026-10-31T05:30:00.000Z"],
      ["2026-11-01T01:30", "2026-11-01T05:30:00.000Z"],
      ["2026-11-02T01:30", "2026-11-02T06:30:00.000Z"],
    ]);
  });

  it("skips months that lack the start's day instead of rolling over", () => {
    expect(expand({ rrule: "FREQ=MONTHLY;COUNT=4" }, "2026-01-31T12:00", "UTC", "2026-01-01T00:00Z", "2027-01-01T00:00Z").map(([l]) => l)).toEqual([
      "2026-01-31T12:00",
      "2026-03-31T12:00",
      "2026-05-31T12:00",
      "2026-07-31T12:00",
    ]);
  });

  it("FREQ=YEARLY repeats the start's date and skips years without it", () => {
    expect(expand({ rrule: "FREQ=YEARLY" }, "2026-07-14T12:00", "UTC", "2026-01-01T00:00Z", "2029-01-01T00:00Z").map(([l]) => l)).toEqual([
      "2026-07-14T12:00",
      "2027-07-14T12:00",
      "2028-07-14T12:00",
    ]);
    expect(expand({ rrule: "FREQ=YEARLY;COUNT=3" }, "2024-02-29T12:00", "UTC", "2024-01-01T00:00Z", "2040-01-01T00:00Z").map(([l]) => l)).toEqual([
      "2024-02-29T12:00",
      "2028-02-29T12:00",
      "2032-02-29T12:00",
    ]);
  });

  it("supports positions, BYMONTH, BYMONTHDAY and BYSETPOS", () => {
    const locals = (rrule: string, start: string, to = "2027-01-01T00:00Z") => expand({ rrule }, start, "UTC", "2026-01-01T00:00Z", to).map(([l]) => l);
    // US Thanksgiving: fourth Thursday of November.
    expect(locals("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "2026-01-01T12:00", "2029-01-01T00:00Z")).toEqual([
      "2026-11-26T12:00",
      "2027-11-25T12:00",
      "2028-11-23T12:00",
    ]);
    // Last working day of the month.
    expect(locals("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2026-01-01T17:00", "2026-06-01T00:00Z")).toEqual([
      "2026-01-30T17:00",
      "2026-02-27T17:00",
      "2026-03-31T17:00",
      "2026-04-30T17:00",
      "2026-05-29T17:00",
    ]);
    // Friday the 13th: BYDAY limits BYMONTHDAY in a MONTHLY rule.
    expect(locals("FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR", "2026-01-01T08:00")).toEqual(["2026-02-13T08:00", "2026-03-13T08:00", "2026-11-13T08:00"]);
    expect(locals("FREQ=DAILY;BYMONTHDAY=-1;BYHOUR=8,20;BYMINUTE=15", "2026-01-01T00:00", "2026-03-01T00:00Z")).toEqual([
      "2026-01-31T08:15",
      "2026-01-31T20:15",
      "2026-02-28T08:15",
      "2026-02-28T20:15",
    ]);
  });
});

describe("parseRecurrence for RRULEs", () => {
  it("accepts the RRULE: prefix and any case, and flags endless rules", () => {
    const r = parseRecurrence({ rrule: "RRULE:freq=weekly;byday=mo,we;" });
    expect(r.ok && r.rule.kind === "rrule" && r.rule.rrule.byDay).toEqual([{ weekday: 1 }, { weekday: 3 }]);
    expect(r.ok && r.rule.unbounded).toBe(true);
    const counted = parseRecurrence({ rrule: "FREQ=DAILY;COUNT=3" });
    expect(counted.ok && counted.rule.count).toBe(3);
    expect(counted.ok && counted.rule.unbounded).toBe(false);
    const until = parseRecurrence({ rrule: "FREQ=DAILY", until: "2026-12-31T23:00:00Z" });
    expect(until.ok && until.rule.until).toEqual({ kind: "instant", instant: new Date("2026-12-31T23:00:00Z") });
  });

  it("says exactly what is wrong", () => {
    expect(message({ rrule: "FREQ=FORTNIGHTLY" })).toBe('rrule: unknown FREQ "FORTNIGHTLY": use DAILY, WEEKLY, MONTHLY or YEARLY');
    expect(message({ rrule: "FREQ=HOURLY" })).toContain("FREQ=HOURLY is not supported");
    expect(message({ rrule: "BYDAY=MO" })).toContain("FREQ is required");
    expect(message({ rrule: "FREQ=WEEKLY;BYDAY=MO,XX" })).toContain('BYDAY=MO,XX: "XX" is not a weekday');
    expect(message({ rrule: "FREQ=WEEKLY;BYDAY=1MO" })).toContain("only works with FREQ=MONTHLY or FREQ=YEARLY");
    expect(message({ rrule: "FREQ=MONTHLY;BYDAY=6FR" })).toContain("position 6 is out of range");
    expect(message({ rrule: "FREQ=MONTHLY;BYMONTHDAY=0" })).toContain("BYMONTHDAY: 0 is out of range");
    expect(message({ rrule: "FREQ=DAILY;BYHOUR=24" })).toContain("BYHOUR: 24 is out of range (0 to 23)");
    expect(message({ rrule: "FREQ=DAILY;INTERVAL=0" })).toContain("INTERVAL must be a whole number of 1 or more");
    expect(message({ rrule: "FREQ=DAILY;FOO=1" })).toContain('unknown rule part "FOO"');
    expect(message({ rrule: "FREQ=DAILY;BYWEEKNO=1" })).toContain("BYWEEKNO is not supported");
    expect(message({ rrule: "FREQ=DAILY;FREQ=WEEKLY" })).toContain("FREQ is given twice");
    expect(message({ rrule: "FREQ=WEEKLY;BYMONTHDAY=1" })).toContain("BYMONTHDAY cannot be used with FREQ=WEEKLY");
    expect(message({ rrule: "FREQ=DAILY;BYSETPOS=1" })).toContain("BYSETPOS needs another BY");
    expect(message({ rrule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30,31" })).toContain("never falls in BYMONTH=2");
    expect(message({ rrule: "FREQ=DAILY;UNTIL=20260230" })).toContain("February 2026 has 28 days");
    expect(message({ rrule: "FREQ=DAILY;COUNT=3;UNTIL=20261231" })).toContain("COUNT and UNTIL cannot both be set");
    expect(message({ rrule: "FREQ=DAILY;COUNT=3", count: 4 })).toContain("count is given twice");
    expect(message({ rrule: "FREQ=DAILY;COUNT=3", count: 3 })).toBe("(accepted)");
    expect(message({ rrule: "FREQ=DAILY", count: 2, until: "2026-12-31" })).toContain("either count or until");
    expect(message({ rrule: "FREQ=DAILY", count: 0 })).toContain("count must be a whole number of 1 or more");
    expect(message({ rrule: "FREQ=DAILY", until: "next week" })).toContain('until "next week" is not a date or time');
    expect(message({ rrule: "DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY" })).toContain("give only the RRULE line");
  });
});

import { describe, expect, it } from "vitest";
import { parseLocal } from "../time";
import { expandOccurrences, parseCron, parseRecurrence } from "./index";

function expand(cron: string, start: string, timezone: string, from: string, to: string) {
  const parsed = parseRecurrence({ cron });
  if (!parsed.ok) throw new Error(parsed.message);
  const startLocal = parseLocal(start);
  if (!startLocal) throw new Error(`bad start ${start}`);
  return expandOccurrences(parsed.rule, { start: startLocal, timezone, from: new Date(from), to: new Date(to), limit: 10_000 }).map((o) =>
    o.shifted ? [o.local, o.instant.toISOString(), "shifted"] : [o.local, o.instant.toISOString()],
  );
}

const cronError = (cron: string) => {
  const r = parseCron(cron);
  return r.ok ? "(accepted)" : r.message;
};

describe("cron expansion", () => {
  it('"0 9 * * 1-5" in Europe/Berlin fires at 09:00 local on weekdays across the DST change', () => {
    // Thursday 2026-03-26 to Wednesday 2026-04-01; CEST starts Sunday 03-29.
    expect(expand("0 9 * * 1-5", "2026-03-01T00:00", "Europe/Berlin", "2026-03-26T00:00Z", "2026-04-02T00:00Z")).toEqual([
      ["2026-03-26T09:00", "2026-03-26T08:00:00.000Z"],
      ["2026-03-27T09:00", "2026-03-27T08:00:00.000Z"],
      ["2026-03-30T09:00", "2026-03-30T07:00:00.000Z"],
      ["2026-03-31T09:00", "2026-03-31T07:00:00.000Z"],
      ["2026-04-01T09:00", "2026-04-01T07:00:00.000Z"],
    ]);
  });

  it('"*/15 9-10 * * *" fires every quarter hour from 09:00 to 10:45', () => {
    expect(expand("*/15 9-10 * * *", "2026-01-01T00:00", "UTC", "2026-01-05T00:00Z", "2026-01-06T00:00Z").map(([l]) => l)).toEqual([
      "2026-01-05T09:00",
      "2026-01-05T09:15",
      "2026-01-05T09:30",
      "2026-01-05T09:45",
      "2026-01-05T10:00",
      "2026-01-05T10:15",
      "2026-01-05T10:30",
      "2026-01-05T10:45",
    ]);
  });

  it('"0 0 1,15 * 5" fires on the 1st, the 15th and every Friday (either field matches)', () => {
    const days = (cron: string) => expand(cron, "2026-01-01T00:00", "UTC", "2026-01-01T00:00Z", "2026-03-01T00:00Z").map(([l]) => l?.slice(0, 10));
    const fridays = ["2026-01-02", "2026-01-09", "2026-01-16", "2026-01-23", "2026-01-30", "2026-02-06", "2026-02-13", "2026-02-20", "2026-02-27"];
    const firstAndFifteenth = ["2026-01-01", "2026-01-15", "2026-02-01", "2026-02-15"];
    expect(days("0 0 1,15 * 5")).toEqual([...fridays, ...firstAndFifteenth].sort());
    expect(days("0 0 1,15 * *")).toEqual(firstAndFifteenth);
    expect(days("0 0 * * FRI")).toEqual(fridays);
    // A day-of-month starting with * counts as unrestricted (Vixie cron), so both must match: odd-dated Fridays.
    expect(days("0 0 */2 * 5")).toEqual(["2026-01-09", "2026-01-23", "2026-02-13", "2026-02-27"]);
  });

  it("accepts names, 7 for Sunday, steps from a value and macros", () => {
    // 2026-03-01 and 2026-03-08 are Sundays.
    expect(expand("30 8 * mar 7", "2026-01-01T00:00", "UTC", "2026-02-01T00:00Z", "2026-03-10T00:00Z").map(([l]) => l)).toEqual([
      "2026-03-01T08:30",
      "2026-03-08T08:30",
    ]);
    expect(expand("5/20 12 1 1 *", "2026-01-01T00:00", "UTC", "2026-01-01T00:00Z", "2026-01-02T00:00Z").map(([l]) => l)).toEqual([
      "2026-01-01T12:05",
      "2026-01-01T12:25",
      "2026-01-01T12:45",
    ]);
    expect(expand("@monthly", "2026-01-01T00:00", "UTC", "2026-01-01T00:00Z", "2026-04-01T00:00Z").map(([l]) => l)).toEqual([
      "2026-01-01T00:00",
      "2026-02-01T00:00",
      "2026-03-01T00:00",
    ]);
  });

  it("fires a gap time once, moved forward, and never twice at the same instant", () => {
    expect(expand("30 2 * * *", "2026-03-07T00:00", "America/New_York", "2026-03-07T00:00Z", "2026-03-10T00:00Z")).toEqual([
      ["2026-03-07T02:30", "2026-03-07T07:30:00.000Z"],
      ["2026-03-08T03:30", "2026-03-08T07:30:00.000Z", "shifted"],
      ["2026-03-09T02:30", "2026-03-09T06:30:00.000Z"],
    ]);
    // 02:15 and 02:45 do not exist on 03-08; moved forward they coincide with the real 03:15 and 03:45.
    expect(expand("15,45 2,3 * * *", "2026-03-08T00:00", "America/New_York", "2026-03-08T00:00Z", "2026-03-09T00:00Z")).toEqual([
      ["2026-03-08T03:15", "2026-03-08T07:15:00.000Z"],
      ["2026-03-08T03:45", "2026-03-08T07:45:00.000Z"],
    ]);
  });

  it("starts no earlier than the start", () => {
    expect(expand("0 9,18 * * *", "2026-05-04T12:00", "UTC", "2026-05-01T00:00Z", "2026-05-06T00:00Z").map(([l]) => l)).toEqual([
      "2026-05-04T18:00",
      "2026-05-05T09:00",
      "2026-05-05T18:00",
    ]);
  });
});

describe("parseCron", () => {
  it("names the field at fault", () => {
    expect(cronError("60 * * * *")).toBe("minute: 60 is out of range 0-59");
    expect(cronError("0 24 * * *")).toBe("hour: 24 is out of range 0-23");
    expect(cronError("0 0 0 * *")).toBe("day-of-month: 0 is out of range 1-31");
    expect(cronError("0 0 32 * *")).toBe("day-of-month: 32 is out of range 1-31");
    expect(cronError("0 0 * 13 *")).toBe("month: 13 is out of range 1-12");
    expect(cronError("0 0 * * 8")).toBe("day-of-week: 8 is out of range 0-7");
    expect(cronError("0 0 * JANUARY *")).toBe('month: "JANUARY" is not a number 1-12 or a name JAN-DEC');
    expect(cronError("0 0 * * MON-XYZ")).toBe('day-of-week: "XYZ" is not a number 0-7 or a name SUN-SAT');
    expect(cronError("0 MON * * *")).toBe('hour: "MON" is not a number 0-23');
    expect(cronError("*/0 * * * *")).toContain("minute: step");
    expect(cronError("0 17-9 * * *")).toContain("hour: range 17-9 runs backwards");
    expect(cronError("0 1,,2 * * *")).toContain("hour: empty item");
    expect(cronError("0 9 * *")).toBe('expected 5 fields (minute hour day-of-month month day-of-week), got 4 in "0 9 * *"');
    expect(cronError("0 0 9 * * *")).toContain("a seconds or year field is not supported");
    expect(cronError("0 0 30 2 *")).toContain("day-of-month 30 never falls in month 2");
    expect(cronError("@reboot")).toContain('unknown macro "@reboot"');
  });

  it("records whether day fields are restricted and folds 7 into Sunday", () => {
    const r = parseCron("0 0 1,15 * 5-7");
    expect(r.ok && r.cron).toMatchObject({ daysOfMonth: [1, 15], daysOfWeek: [0, 5, 6], dayOfMonthRestricted: true, dayOfWeekRestricted: true });
    const star = parseCron("0 0 */2 * 5");
    expect(star.ok && star.cron.dayOfMonthRestricted).toBe(false);
  });

  it("is reported with the cron prefix and the unbounded flag by parseRecurrence", () => {
    expect(parseRecurrence({ cron: "0 24 * * *" })).toEqual({ ok: false, message: "cron: hour: 24 is out of range 0-23" });
    const ok = parseRecurrence({ cron: "0 9 * * 1-5" });
    expect(ok.ok && ok.rule.unbounded).toBe(true);
    const counted = parseRecurrence({ cron: "0 9 * * 1-5", count: 10 });
    expect(counted.ok && counted.rule.unbounded).toBe(false);
  });
});

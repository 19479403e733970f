import { describe, expect, it } from "vitest";
import { buildRRule, describeLocal, localInput, nextOccurrences, NO_RECURRENCE, prefillSchedule, scheduleProblem } from "./schedule";

const now = new Date("2026-03-20T10:15:00Z");

describe("prefillSchedule", () => {
  it("reads a calendar slot's instant as a wall time in the slot's zone", () => {
    expect(prefillSchedule({ at: "2026-07-01T07:30:00Z", zone: "Europe/Berlin" }, "UTC", now)).toEqual({
      date: "2026-07-01",
      time: "09:30",
      zone: "Europe/Berlin",
    });
    expect(prefillSchedule({ at: "2026-01-01T07:30:00Z", zone: "America/New_York" }, "UTC", now)).toEqual({
      date: "2026-01-01",
      time: "02:30",
      zone: "America/New_York",
    });
  });

  it("falls back to the next full hour in the person's zone when the slot is missing or bad", () => {
    expect(prefillSchedule({}, "Asia/Tokyo", now)).toEqual({ date: "2026-03-20", time: "20:00", zone: "Asia/Tokyo" });
    expect(prefillSchedule({ at: "not a time", zone: "Mars/Base" }, "Nowhere/Else", now)).toEqual({ date: "2026-03-20", time: "11:00", zone: "UTC" });
  });
});

describe("scheduleProblem", () => {
  it("accepts a future wall time and refuses past, missing and non-existent ones", () => {
    expect(scheduleProblem({ date: "2026-03-21", time: "09:00", zone: "Europe/Berlin" }, now)).toBeNull();
    expect(scheduleProblem({ date: "2026-03-19", time: "09:00", zone: "UTC" }, now)).toMatch(/in the past/);
    expect(scheduleProblem({ date: "", time: "09:00", zone: "UTC" }, now)).toBe("Pick a date.");
    expect(scheduleProblem({ date: "2026-03-21", time: "", zone: "UTC" }, now)).toBe("Pick a time.");
    expect(scheduleProblem({ date: "2026-03-29", time: "02:30", zone: "Europe/Berlin" }, now)).toMatch(/next valid time is 2026-03-29T03:00/);
    expect(scheduleProblem({ date: "2026-03-21", time: "09:00", zone: "Mars/Base" }, now)).toMatch(/not a known IANA time zone/);
  });

  it("joins date and time into the wall time the API reads", () => {
    expect(localInput({ date: "2026-03-21", time: "09:05" })).toBe("2026-03-21T09:05");
  });
});

describe("buildRRule", () => {
  it("builds nothing for a one-off post", () => {
    expect(buildRRule(NO_RECURRENCE)).toBeNull();
  });

  it("writes interval, weekdays in week order and the end", () => {
    expect(buildRRule({ ...NO_RECURRENCE, freq: "WEEKLY", interval: 2, byDay: ["FR", "MO", "FR"], end: "count", count: 4 })).toBe(
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;COUNT=4",
    );
    expect(buildRRule({ ...NO_RECURRENCE, freq: "DAILY", end: "until", until: "2026-04-30" })).toBe("FREQ=DAILY;UNTIL=20260430");
    expect(buildRRule({ ...NO_RECURRENCE, freq: "MONTHLY", end: "never", byDay: ["MO"] })).toBe("FREQ=MONTHLY");
  });
});

describe("nextOccurrences", () => {
  it("lists what the builder's rule gives, keeping the wall time across a DST change", () => {
    const r = nextOccurrences("FREQ=WEEKLY;BYDAY=MO,FR;COUNT=10", { date: "2026-03-23", time: "09:00", zone: "Europe/Berlin" }, 3);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.items.map((o) => o.local)).toEqual(["2026-03-23T09:00", "2026-03-27T09:00", "2026-03-30T09:00"]);
    expect(r.items.map((o) => o.instant.toISOString())).toEqual(["2026-03-23T08:00:00.000Z", "2026-03-27T08:00:00.000Z", "2026-03-30T07:00:00.000Z"]);
    expect(r.unbounded).toBe(false);
  });

  it("says why a rule or a start cannot be expanded", () => {
    const bad = nextOccurrences("FREQ=HOURLY", { date: "2026-03-23", time: "09:00", zone: "UTC" });
    expect(bad.ok).toBe(false);
    expect(nextOccurrences("FREQ=DAILY", { date: "", time: "09:00", zone: "UTC" })).toEqual({ ok: false, message: "Pick a valid date, time and zone first." });
    expect(nextOccurrences("FREQ=DAILY", { date: "2026-03-23", time: "09:00", zone: "UTC" })).toMatchObject({ ok: true, unbounded: true });
  });

  it("describes a wall time for people", () => {
    expect(describeLocal("2026-03-23T09:00")).toBe("Mon 23 Mar 2026, 09:00");
  });
});

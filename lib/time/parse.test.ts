import { describe, expect, it } from "vitest";
import { parseScheduleTime } from "./index";

describe("parseScheduleTime", () => {
  it("keeps the instant of input with an offset and derives the wall time in the zone", () => {
    expect(parseScheduleTime("2026-06-01T09:00:00+02:00", "Europe/Berlin")).toEqual({
      ok: true,
      instant: new Date("2026-06-01T07:00:00Z"),
      local: "2026-06-01T09:00",
      timezone: "Europe/Berlin",
      ambiguous: false,
    });
    const z = parseScheduleTime("2026-06-01T07:00:00.000Z", "America/New_York");
    expect(z).toMatchObject({ ok: true, instant: new Date("2026-06-01T07:00:00Z"), local: "2026-06-01T03:00" });
    expect(parseScheduleTime("2026-01-10T12:00-0500", "UTC")).toMatchObject({ ok: true, instant: new Date("2026-01-10T17:00:00Z"), local: "2026-01-10T17:00" });
  });

  it("reads input without an offset as wall time in the zone", () => {
    expect(parseScheduleTime("2026-06-01T09:00", "Europe/Berlin")).toMatchObject({
      ok: true,
      instant: new Date("2026-06-01T07:00:00Z"),
      local: "2026-06-01T09:00",
    });
    expect(parseScheduleTime("2026-01-15T09:00:30", "Europe/Berlin")).toMatchObject({
      ok: true,
      instant: new Date("2026-01-15T08:00:30Z"),
      local: "2026-01-15T09:00:30",
    });
  });

  it("refuses impossible dates with the reason", () => {
    const r = parseScheduleTime("2026-02-30T10:00", "Europe/Berlin");
    expect(r).toEqual({ ok: false, code: "invalid_time", message: '"2026-02-30T10:00" is not a valid time: February 2026 has 28 days, so there is no day 30' });
    expect(parseScheduleTime("2026-02-30T10:00Z", "UTC")).toMatchObject({ ok: false, code: "invalid_time" });
    expect(parseScheduleTime("2028-02-29T10:00", "UTC")).toMatchObject({ ok: true, local: "2028-02-29T10:00" });
    expect(parseScheduleTime("2026-04-31T10:00", "UTC")).toMatchObject({
      ok: false,
      code: "invalid_time",
      message: expect.stringContaining("April 2026 has 30 days"),
    });
    expect(parseScheduleTime("2026-01-01T25:00", "UTC")).toMatchObject({
      ok: false,
      code: "invalid_time",
      message: expect.stringContaining("hour must be 00–23"),
    });
  });

  it("refuses text that is not a date-time, and impossible offsets", () => {
    for (const bad of ["tomorrow", "2026-06-01", "2026-06-01T9:00", "2026-06-01T09:00:00+24:00", "2026-06-01T09:00 Europe/Berlin"]) {
      expect(parseScheduleTime(bad, "UTC"), bad).toMatchObject({ ok: false, code: "invalid_time" });
    }
  });

  it("refuses a wall time in a DST gap and suggests the first valid one", () => {
    expect(parseScheduleTime("2026-03-08T02:30", "America/New_York")).toEqual({
      ok: false,
      code: "nonexistent_time",
      message: "2026-03-08T02:30 does not exist in America/New_York: clocks jump from 02:00 to 03:00 on 2026-03-08",
      nextValid: "2026-03-08T03:00",
    });
  });

  it("takes the earlier instant for a repeated wall time and says it was ambiguous", () => {
    expect(parseScheduleTime("2026-11-01T01:30", "America/New_York")).toMatchObject({ ok: true, instant: new Date("2026-11-01T05:30:00Z"), ambiguous: true });
    // With an offset the later 01:30 (EST) is exact, but local + zone alone would not say which one.
    expect(parseScheduleTime("2026-11-01T01:30:00-05:00", "America/New_York")).toMatchObject({
      ok: true,
      instant: new Date("2026-11-01T06:30:00Z"),
      local: "2026-11-01T01:30",
      ambiguous: true,
    });
  });

  it("refuses an unknown zone before looking at the time", () => {
    expect(parseScheduleTime("2026-06-01T09:00", "Mars/Olympus")).toMatchObject({
      ok: false,
      code: "invalid_timezone",
      message: expect.stringContaining('"Mars/Olympus"'),
    });
    expect(parseScheduleTime("garbage", "")).toMatchObject({ ok: false, code: "invalid_timezone" });
  });
});

import { describe, expect, it } from "vitest";
import { isValidTimeZone, localToUtc, parseLocal, resolveLocal, utcToLocal, type LocalDateTime } from "./index";

const local = (s: string): LocalDateTime => {
  const l = parseLocal(s);
  if (!l) throw new Error(`bad fixture ${s}`);
  return l;
};

describe("isValidTimeZone", () => {
  it("accepts IANA names and UTC", () => {
    for (const tz of ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]) expect(isValidTimeZone(tz), tz).toBe(true);
  });

  it("rejects garbage, offsets and padded names", () => {
    for (const tz of ["", "garbage", "Mars/Olympus", "Europe/Berlin ", "+01:00", "Z"]) expect(isValidTimeZone(tz), JSON.stringify(tz)).toBe(false);
  });
});

describe("utcToLocal", () => {
  it("gives the wall time and offset on both sides of a spring-forward", () => {
    // Berlin switches at 01:00Z on 2026-03-29: 02:00 CET becomes 03:00 CEST.
    expect(utcToLocal(new Date("2026-03-29T00:59:59Z"), "Europe/Berlin")).toEqual({ ...local("2026-03-29T01:59:59"), offsetMinutes: 60 });
    expect(utcToLocal(new Date("2026-03-29T01:00:00Z"), "Europe/Berlin")).toEqual({ ...local("2026-03-29T03:00"), offsetMinutes: 120 });
  });

  it("handles negative, half-hour and zero offsets and drops milliseconds", () => {
    expect(utcToLocal(new Date("2026-07-01T12:00:00Z"), "America/New_York")).toEqual({ ...local("2026-07-01T08:00"), offsetMinutes: -240 });
    expect(utcToLocal(new Date("2026-01-01T00:00:00Z"), "Asia/Kolkata")).toEqual({ ...local("2026-01-01T05:30"), offsetMinutes: 330 });
    expect(utcToLocal(new Date("2026-01-01T23:59:59.999Z"), "UTC")).toEqual({ ...local("2026-01-01T23:59:59"), offsetMinutes: 0 });
  });

  it("refuses an unknown zone", () => {
    expect(() => utcToLocal(new Date(), "Mars/Olympus")).toThrow(RangeError);
  });
});

describe("localToUtc", () => {
  it("converts ordinary wall times with the offset in force then", () => {
    expect(localToUtc(local("2026-01-15T09:00"), "Europe/Berlin")).toEqual({ ok: true, instant: new Date("2026-01-15T08:00:00Z"), ambiguous: false });
    expect(localToUtc(local("2026-07-15T09:00"), "Europe/Berlin")).toEqual({ ok: true, instant: new Date("2026-07-15T07:00:00Z"), ambiguous: false });
    expect(localToUtc(local("2026-07-15T09:00"), "America/New_York")).toEqual({ ok: true, instant: new Date("2026-07-15T13:00:00Z"), ambiguous: false });
  });

  it("refuses a wall time inside the spring-forward gap and says which, where and why", () => {
    const r = localToUtc(local("2026-03-08T02:30"), "America/New_York");
    expect(r).toEqual({
      ok: false,
      reason: "nonexistent",
      message: "2026-03-08T02:30 does not exist in America/New_York: clocks jump from 02:00 to 03:00 on 2026-03-08",
      nextValid: local("2026-03-08T03:00"),
    });
    const berlin = localToUtc(local("2026-03-29T02:00"), "Europe/Berlin");
    expect(berlin.ok).toBe(false);
    if (!berlin.ok) expect(berlin.message).toBe("2026-03-29T02:00 does not exist in Europe/Berlin: clocks jump from 02:00 to 03:00 on 2026-03-29");
  });

  it("finds gaps that are not one hour long", () => {
    // Lord Howe Island moves its clocks by 30 minutes (first Sunday of October, 02:00 → 02:30).
    const r = localToUtc(local("2026-10-04T02:15"), "Australia/Lord_Howe");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe("2026-10-04T02:15 does not exist in Australia/Lord_Howe: clocks jump from 02:00 to 02:30 on 2026-10-04");
    // Samoa skipped 30 December 2011 entirely when it crossed the date line.
    const apia = localToUtc(local("2011-12-30T12:00"), "Pacific/Apia");
    expect(apia.ok).toBe(false);
    if (!apia.ok) expect(apia.message).toBe("2011-12-30T12:00 does not exist in Pacific/Apia: clocks jump from 2011-12-30T00:00 to 2011-12-31T00:00");
  });

  it("resolves a fall-back wall time to the earlier, daylight-time instant", () => {
    // 01:30 happens at 05:30Z (EDT, -4) and again at 06:30Z (EST, -5).
    expect(localToUtc(local("2026-11-01T01:30"), "America/New_York")).toEqual({ ok: true, instant: new Date("2026-11-01T05:30:00Z"), ambiguous: true });
    // 02:30 happens at 00:30Z (CEST, +2) and again at 01:30Z (CET, +1).
    expect(localToUtc(local("2026-10-25T02:30"), "Europe/Berlin")).toEqual({ ok: true, instant: new Date("2026-10-25T00:30:00Z"), ambiguous: true });
    // The hour after the repeated one is unambiguous again.
    expect(localToUtc(local("2026-10-25T03:00"), "Europe/Berlin")).toEqual({ ok: true, instant: new Date("2026-10-25T02:00:00Z"), ambiguous: false });
  });

  it("throws on dates that do not exist on any clock", () => {
    expect(() => localToUtc({ year: 2026, month: 2, day: 30, hour: 10, minute: 0, second: 0 }, "UTC")).toThrow(/February 2026 has 28 days/);
  });
});

describe("resolveLocal", () => {
  it("moves a gap time forward by the gap length (RFC 5545) instead of refusing it", () => {
    expect(resolveLocal(local("2026-03-08T02:30"), "America/New_York")).toEqual({ instant: new Date("2026-03-08T07:30:00Z"), ambiguous: false, shifted: true });
    expect(resolveLocal(local("2026-03-08T03:30"), "America/New_York")).toEqual({
      instant: new Date("2026-03-08T07:30:00Z"),
      ambiguous: false,
      shifted: false,
    });
  });
});

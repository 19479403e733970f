import { describe, expect, it } from "vitest";
import {
  applyFilters,
  conflictsById,
  instantOf,
  covers,
  dropWallTime,
  parseDay,
  rangeAround,
  wallIn,
  wallNow,
  wallOf,
  weekOf,
  type CalendarEventData,
} from "./board";
import { calendarEvent } from "./test-event";

const ev = (over: Partial<CalendarEventData>): CalendarEventData => calendarEvent({ color: "#000", ...over });

describe("calendar board helpers", () => {
  it("reads wall times and turns calendar dates back into them", () => {
    expect(wallOf("2026-03-29T02:30:00+02:00")).toBe("2026-03-29T02:30:00");
    // FullCalendar in a named zone hands back instants: the wall time is read in that zone.
    expect(wallIn(new Date("2026-03-29T01:30:00Z"), "Europe/Berlin")).toBe("2026-03-29T03:30");
    expect(wallIn(new Date("2026-07-01T16:00:00Z"), "America/Los_Angeles")).toBe("2026-07-01T09:00");
    expect(wallIn(new Date("2026-12-31T23:30:00Z"), "Pacific/Chatham")).toBe("2027-01-01T13:15");
  });

  it("gives the wall clock of a zone, across a date line", () => {
    const now = new Date("2026-11-21T23:30:00Z");
    expect(wallNow("UTC", now)).toBe("2026-11-21T23:30:00");
    expect(wallNow("Asia/Tokyo", now)).toBe("2026-11-22T08:30:00");
    expect(wallNow("America/Los_Angeles", now)).toBe("2026-11-21T15:30:00");
  });

  it("loads the anchor's month with a week before and two after", () => {
    expect(rangeAround("2026-02-14")).toEqual({ start_date: "2026-01-25", end_date: "2026-03-14" });
    expect(rangeAround("2024-02-29")).toEqual({ start_date: "2024-01-25", end_date: "2024-03-14" });
    expect(covers(rangeAround("2026-02-14"), "2026-03-08", 7)).toBe(true);
    expect(covers(rangeAround("2026-02-14"), "2026-03-09", 7)).toBe(false);
    expect(covers(rangeAround("2026-02-14"), "2026-01-24")).toBe(false);
  });

  it("accepts only real days", () => {
    expect(parseDay("2026-02-28")).toBe("2026-02-28");
    expect(parseDay("2026-02-30")).toBeNull();
    expect(parseDay("26-2-3")).toBeNull();
    expect(parseDay(undefined)).toBeNull();
  });

  it("finds the week of a day from the preferred first weekday", () => {
    expect(weekOf("2026-11-21", 1)[0]).toBe("2026-11-16"); // a Saturday; weeks start on Monday
    expect(weekOf("2026-11-21", 0)[0]).toBe("2026-11-15");
    expect(weekOf("2026-11-22", 1)).toHaveLength(7);
    expect(weekOf("2026-11-22", 1)[6]).toBe("2026-11-22");
  });

  it("filters by platform, account, status and tag together", () => {
    const events = [
      ev({ id: "1", tags: ["launch"] }),
      ev({ id: "2", platform_id: "mastodon" }),
      ev({ id: "3", publish_status: "published", tags: ["launch"] }),
      ev({ id: "4", platform_account_id: "acc2" }),
    ];
    const ids = (f: Parameters<typeof applyFilters>[1]) => applyFilters(events, f).map((e) => e.id);
    expect(ids({ platforms: [], accounts: [], statuses: [], tag: "" })).toEqual(["1", "2", "3", "4"]);
    expect(ids({ platforms: ["x"], accounts: [], statuses: [], tag: "launch" })).toEqual(["1", "3"]);
    expect(ids({ platforms: [], accounts: ["acc1"], statuses: ["pending"], tag: "" })).toEqual(["1", "2"]);
    expect(ids({ platforms: ["mastodon"], accounts: ["acc2"], statuses: [], tag: "" })).toEqual([]);
  });

  it("maps conflicts onto every schedule they name", () => {
    const m = conflictsById([
      { type: "too_close", severity: "warning", schedule_ids: ["1", "2"], message: "close" },
      { type: "duplicate", severity: "warning", schedule_ids: ["2"], message: "dup" },
    ]);
    expect(m.get("1")?.map((c) => c.message)).toEqual(["close"]);
    expect(m.get("2")?.map((c) => c.message)).toEqual(["close", "dup"]);
    expect(m.has("3")).toBe(false);
  });

  it("gives a dropped draft the slot's time, or 09:00 on a whole day", () => {
    expect(dropWallTime(new Date("2026-05-04T14:15:00Z"), false, "UTC")).toBe("2026-05-04T14:15");
    expect(dropWallTime(new Date("2026-05-04T12:15:00Z"), false, "Europe/Berlin")).toBe("2026-05-04T14:15");
    // Midnight of a whole day in Los Angeles is 07:00 UTC: still that day, at 09:00.
    expect(dropWallTime(new Date("2026-05-04T07:00:00Z"), true, "America/Los_Angeles")).toBe("2026-05-04T09:00");
  });
});

describe("instantOf", () => {
  it("resolves a wall time in its zone, DST gaps moved forward", () => {
    expect(instantOf("2026-07-01T09:00", "Europe/Berlin")).toBe("2026-07-01T07:00:00.000Z");
    expect(instantOf("2026-01-01T09:00:00", "Europe/Berlin")).toBe("2026-01-01T08:00:00.000Z");
    expect(instantOf("2026-03-29T02:30", "Europe/Berlin")).toBe("2026-03-29T01:30:00.000Z");
    expect(() => instantOf("tomorrow", "UTC")).toThrow();
  });
});

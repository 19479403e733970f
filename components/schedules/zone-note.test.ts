import { describe, expect, it } from "vitest";
import { createFormat } from "@/lib/format";
import { wallToInstant as wallInstant } from "@/lib/time/days";
import { scheduleWhen, zoneNote } from "./zone-note";

const kolkata = createFormat({ locale: "de-DE", timeZone: "Asia/Kolkata" });
const la = createFormat({ locale: "en-US", timeZone: "America/Los_Angeles" });

describe("a schedule's time for the person", () => {
  it("reads a wall time in its own zone as the instant it stands for", () => {
    expect(wallInstant("2026-12-08T09:00", "Asia/Kolkata")?.toISOString()).toBe("2026-12-08T03:30:00.000Z");
    expect(wallInstant("2026-12-08T09:00:00", "Pacific/Chatham")?.toISOString()).toBe("2026-12-07T19:15:00.000Z");
    expect(wallInstant("not a time", "UTC")).toBeNull();
    expect(wallInstant("2026-12-08T09:00", "Mars/Olympus")).toBeNull();
  });

  it("shows the person's time, and the schedule's own only when it differs", () => {
    expect(scheduleWhen(kolkata, "2026-12-08T09:00", "Asia/Kolkata")).toMatchObject({ text: "08.12.2026, 09:00", note: null, full: "08.12.2026, 09:00" });
    expect(scheduleWhen(la, "2026-12-08T09:00", "America/Los_Angeles").full).toBe("Dec 8, 2026, 9:00 AM");
    // Berlin's 09:00 is 13:30 in Kolkata, the same day: only the time is added.
    expect(scheduleWhen(kolkata, "2026-12-08T09:00", "Europe/Berlin").full).toBe("08.12.2026, 13:30 (09:00 Europe/Berlin)");
    // Tokyo's 09:00 is the evening before in Los Angeles: the date is added too.
    expect(scheduleWhen(la, "2026-12-08T09:00", "Asia/Tokyo").full).toBe("Dec 7, 2026, 4:00 PM (Dec 8, 2026, 9:00 AM Asia/Tokyo)");
    expect(scheduleWhen(la, "garbage", "Asia/Tokyo").full).toBe("garbage Asia/Tokyo");
  });

  it("shows the stored instant, not the wall time's first reading, in a fall-back hour", () => {
    // 01:30 on 1 Nov 2026 happens twice in Los Angeles; this post is the second (PST, 09:30Z).
    const utc = createFormat({ locale: "en-US", timeZone: "UTC" });
    expect(scheduleWhen(utc, "2026-11-01T01:30", "America/Los_Angeles", "2026-11-01T09:30:00.000Z").text).toBe("Nov 1, 2026, 9:30 AM");
    expect(scheduleWhen(utc, "2026-11-01T01:30", "America/Los_Angeles").text).toBe("Nov 1, 2026, 8:30 AM");
  });

  it("adds nothing for another name of the same wall clock or an unknown zone", () => {
    expect(zoneNote(kolkata, "2026-12-08T03:30:00Z", "Asia/Calcutta")).toBeNull();
    expect(zoneNote(kolkata, "2026-12-08T03:30:00Z", "Nowhere/Land")).toBeNull();
    expect(zoneNote(kolkata, "2026-12-08T03:30:00Z", null)).toBeNull();
    expect(zoneNote(kolkata, "2026-12-08T03:30:00Z", "UTC")).toBe("03:30 UTC");
  });
});

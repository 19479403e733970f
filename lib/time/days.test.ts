import { describe, expect, it } from "vitest";
import { createFormat } from "@/lib/format";
import { dayStart, zonedDayRange } from "./days";

describe("the content list's date filters", () => {
  it("read bare days as the person's days", () => {
    const kolkata = createFormat({ locale: "de-DE", timeZone: "Asia/Kolkata" });
    expect(zonedDayRange({ date_from: "2026-12-08", date_to: "2026-12-08" }, kolkata.timeZone)).toEqual({
      date_from: "2026-12-07T18:30:00.000Z",
      date_to: "2026-12-08T18:29:59.999Z",
    });
    const la = createFormat({ locale: "en-US", timeZone: "America/Los_Angeles" });
    // The last day of the month, and a day the clocks change on (2 Nov 2025 is 25 hours long there).
    expect(zonedDayRange({ date_to: "2026-12-31" }, la.timeZone)).toEqual({ date_to: "2027-01-01T07:59:59.999Z" });
    expect(zonedDayRange({ date_from: "2025-11-02", date_to: "2025-11-02" }, la.timeZone)).toEqual({
      date_from: "2025-11-02T07:00:00.000Z",
      date_to: "2025-11-03T07:59:59.999Z",
    });
  });

  it("pass full date-times and missing filters through", () => {
    const utc = createFormat({ locale: "en-US", timeZone: "UTC" });
    expect(zonedDayRange({ date_from: "2026-12-08T10:00:00Z" }, utc.timeZone)).toEqual({ date_from: "2026-12-08T10:00:00Z" });
    expect(zonedDayRange({}, utc.timeZone)).toEqual({});
  });
});

describe("dayStart", () => {
  it("is the person's midnight, across a clock change, and null for what is not a day", () => {
    expect(dayStart("2026-03-29", "Europe/Berlin")?.toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(dayStart("2026-03-29", "Europe/Berlin", 1)?.toISOString()).toBe("2026-03-29T22:00:00.000Z"); // a 23-hour day
    expect(dayStart("2026-12-31", "Pacific/Chatham", 1)?.toISOString()).toBe("2026-12-31T10:15:00.000Z");
    expect(dayStart("2026-02-30", "UTC")).toBeNull();
    expect(dayStart("2026-12-08T10:00", "UTC")).toBeNull();
  });
});

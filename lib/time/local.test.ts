import { describe, expect, it } from "vitest";
import { addDaysLocal, formatLocal, parseLocal, weekdayOf, type LocalDateTime } from "./index";

const at = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0): LocalDateTime => ({ year, month, day, hour, minute, second });

describe("parseLocal / formatLocal", () => {
  it("reads wall times with and without seconds", () => {
    expect(parseLocal("2026-03-29T02:30")).toEqual(at(2026, 3, 29, 2, 30));
    expect(parseLocal("2026-03-29T02:30:15")).toEqual(at(2026, 3, 29, 2, 30, 15));
    expect(parseLocal("2028-02-29T00:00")).toEqual(at(2028, 2, 29));
  });

  it("refuses offsets, loose formats and impossible dates", () => {
    for (const bad of [
      "2026-03-29T02:30Z",
      "2026-03-29T02:30+01:00",
      "2026-3-29T02:30",
      "2026-03-29 02:30",
      "2026-02-29T00:00",
      "2026-04-31T09:00",
      "2026-01-01T24:00",
      "2026-01-01T12:60",
      "",
    ]) {
      expect(parseLocal(bad), bad).toBeNull();
    }
  });

  it("writes seconds only when they are not zero", () => {
    expect(formatLocal(at(2026, 6, 1, 9, 0))).toBe("2026-06-01T09:00");
    expect(formatLocal(at(2026, 6, 1, 9, 0, 5))).toBe("2026-06-01T09:00:05");
    expect(formatLocal(at(987, 1, 2, 3, 4))).toBe("0987-01-02T03:04");
  });
});

describe("addDaysLocal / weekdayOf", () => {
  it("moves the date and keeps the wall time across month, year and leap-day ends", () => {
    expect(addDaysLocal(at(2026, 3, 28, 9, 15), 1)).toEqual(at(2026, 3, 29, 9, 15));
    expect(addDaysLocal(at(2026, 12, 31, 23, 59, 59), 1)).toEqual(at(2027, 1, 1, 23, 59, 59));
    expect(addDaysLocal(at(2028, 2, 28, 9), 1)).toEqual(at(2028, 2, 29, 9));
    expect(addDaysLocal(at(2026, 2, 28, 9), 1)).toEqual(at(2026, 3, 1, 9));
    expect(addDaysLocal(at(2026, 3, 1), -1)).toEqual(at(2026, 2, 28));
    expect(addDaysLocal(at(2026, 1, 1), 365)).toEqual(at(2027, 1, 1));
  });

  it("numbers weekdays 0 = Sunday … 6 = Saturday", () => {
    expect(weekdayOf(at(2026, 3, 8))).toBe(0); // US DST starts on a Sunday
    expect(weekdayOf(at(2026, 3, 2))).toBe(1);
    expect(weekdayOf(at(1970, 1, 1))).toBe(4);
    expect(weekdayOf(at(2024, 2, 29))).toBe(4);
    expect(weekdayOf(at(2000, 1, 1))).toBe(6);
    expect(weekdayOf(at(1969, 12, 31))).toBe(3); // before the epoch too
  });
});

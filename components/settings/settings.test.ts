import { describe, expect, it } from "vitest";
import { postingSlotsSchema } from "@/lib/validation/suggestions";
import { describeSlots, readTimes } from "./slots";
import { inWords } from "./messages";

describe("posting slots in words", () => {
  it("lists days from Monday, times in order, and the zone", () => {
    expect(
      describeSlots({
        timezone: "Europe/Berlin",
        slots: [
          { days: [0, 3, 1], times: ["17:30", "09:00"] },
          { days: [6], times: ["10:00"] },
        ],
      }),
    ).toBe("Mon, Wed, Sun 09:00, 17:30 · Sat 10:00 (Europe/Berlin)");
    expect(describeSlots(null)).toBeNull();
    expect(describeSlots({ timezone: "UTC", slots: [] })).toBeNull();
  });

  it("reads typed times leniently but leaves bad ones for the schema to refuse", () => {
    expect(readTimes(" 9:00, 12:30;17:45  ")).toEqual(["09:00", "12:30", "17:45"]);
    expect(readTimes("")).toEqual([]);
    const bad = readTimes("25:00");
    expect(bad).toEqual(["25:00"]);
    expect(postingSlotsSchema.safeParse({ timezone: "UTC", slots: [{ days: [1], times: bad }] }).success).toBe(false);
    expect(postingSlotsSchema.safeParse({ timezone: "UTC", slots: [{ days: [1], times: readTimes("9:00") }] }).success).toBe(true);
  });
});

describe("server messages in words", () => {
  it("names fields the way the forms do", () => {
    expect(inWords("ends_at must be after starts_at")).toBe("The end must be after the start");
    expect(inWords("min_per_week cannot be more than max_per_week")).toBe("The minimum per week cannot be more than the maximum per week");
    expect(inWords(null)).toBeNull();
  });
});

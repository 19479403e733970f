import { describe, expect, it } from "vitest";
import { planPattern } from "./patterns";

const now = new Date("2031-01-01T00:00:00Z");

describe("bulk patterns", () => {
  it("daily: each day at each time, in order", () => {
    expect(planPattern({ type: "daily", start_date: "2031-01-05", end_date: "2031-01-06", times: ["17:00", "09:00"], timezone: "UTC" }, 3, now)).toEqual({
      ok: true,
      slots: ["2031-01-05T09:00", "2031-01-05T17:00", "2031-01-06T09:00"],
    });
  });

  it("weekly_slots: only the given weekdays (2031-01-06 is a Monday)", () => {
    const r = planPattern(
      { type: "weekly_slots", start_date: "2031-01-06", end_date: "2031-01-19", days: ["mon", 3], times: ["12:30"], timezone: "Europe/Berlin" },
      4,
      now,
    );
    expect(r).toEqual({ ok: true, slots: ["2031-01-06T12:30", "2031-01-08T12:30", "2031-01-13T12:30", "2031-01-15T12:30"] });
  });

  it("spread: items evenly over the range, one a day", () => {
    const r = planPattern({ type: "spread", start_date: "2031-02-01", end_date: "2031-02-10", timezone: "UTC" }, 5, now);
    expect(r).toEqual({ ok: true, slots: ["2031-02-01T09:00", "2031-02-03T09:00", "2031-02-05T09:00", "2031-02-07T09:00", "2031-02-09T09:00"] });
  });

  it("skips slots already past in the zone", () => {
    const late = new Date("2031-01-05T10:00:00Z");
    expect(planPattern({ type: "daily", start_date: "2031-01-05", end_date: "2031-01-06", times: ["09:00"], timezone: "UTC" }, 1, late)).toEqual({
      ok: true,
      slots: ["2031-01-06T09:00"],
    });
  });

  it("says how many slots there are when there are too few, and rejects bad input", () => {
    const r = planPattern({ type: "daily", start_date: "2031-01-05", end_date: "2031-01-06", times: ["09:00"], timezone: "UTC" }, 3, now);
    expect(r).toEqual({ ok: false, message: "the pattern has 2 free slots between 2031-01-05 and 2031-01-06 for 3 items" });
    expect(planPattern({ type: "weekly_slots", start_date: "2031-01-05", end_date: "2031-01-06", timezone: "UTC" }, 1, now).ok).toBe(false);
    expect(planPattern({ type: "daily", start_date: "2031-01-05", end_date: "2031-01-06", times: ["25:00"], timezone: "UTC" }, 1, now)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/25:00/),
    });
    // An empty time is refused too, not read as "no time" (found by the fuzz suite: a 500).
    expect(planPattern({ type: "daily", start_date: "2031-01-05", end_date: "2031-01-06", times: [""], timezone: "UTC" }, 1, now)).toEqual({
      ok: false,
      message: 'time "" is not HH:mm (00:00 to 23:59)',
    });
    expect(planPattern({ type: "daily", start_date: "2031-01-06", end_date: "2031-01-05", timezone: "UTC" }, 1, now)).toMatchObject({ ok: false });
    expect(planPattern({ type: "daily", start_date: "2031-01-01", end_date: "2033-01-01", timezone: "UTC" }, 1, now)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/366/),
    });
  });
});

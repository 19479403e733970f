import { describe, expect, it } from "vitest";
import {
  CHECKPOINTS,
  MEASURE_HORIZON_MS,
  audienceOf,
  checkpointEntries,
  doneCheckpoints,
  dueCheckpoints,
  engagementRate,
  normalizeMetrics,
  observedRate,
  publishSlot,
  toCount,
  type CheckpointLabel,
} from "./measurements";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const published = new Date("2025-03-04T14:30:00Z");
const at = (ms: number) => new Date(published.getTime() + ms);
const none = new Set<CheckpointLabel>();
const zero = { likes: 0, shares: 0, comments: 0, clicks: 0, impressions: 0, reach: 0 };

describe("checkpoints", () => {
  it("are +1 h, +24 h and +7 d, ascending", () => {
    expect(CHECKPOINTS.map((c) => [c.label, c.offsetMs])).toEqual([
      ["1h", HOUR],
      ["24h", DAY],
      ["7d", 7 * DAY],
    ]);
  });

  it("nothing is due before +1 h; each comes due at its moment exactly", () => {
    expect(dueCheckpoints(published, none, at(0))).toEqual([]);
    expect(dueCheckpoints(published, none, at(HOUR - 1))).toEqual([]);
    expect(dueCheckpoints(published, none, at(HOUR))).toEqual(["1h"]);
    expect(dueCheckpoints(published, new Set(["1h"]), at(DAY - 1))).toEqual([]);
    expect(dueCheckpoints(published, new Set(["1h"]), at(DAY))).toEqual(["24h"]);
    expect(dueCheckpoints(published, new Set(["1h", "24h"]), at(7 * DAY))).toEqual(["7d"]);
    expect(dueCheckpoints(published, new Set(["1h", "24h", "7d"]), at(20 * DAY))).toEqual([]);
  });

  it("a late run sees every overdue checkpoint at once", () => {
    expect(dueCheckpoints(published, none, at(25 * HOUR))).toEqual(["1h", "24h"]);
    expect(dueCheckpoints(published, none, at(8 * DAY))).toEqual(["1h", "24h", "7d"]);
    expect(dueCheckpoints(published, new Set(["1h"]), at(8 * DAY))).toEqual(["24h", "7d"]);
  });

  it("posts past the horizon (or a clock before publishing) are not measured", () => {
    expect(dueCheckpoints(published, none, at(MEASURE_HORIZON_MS))).toEqual(["1h", "24h", "7d"]);
    expect(dueCheckpoints(published, none, at(MEASURE_HORIZON_MS + 1))).toEqual([]);
    expect(dueCheckpoints(published, none, at(-DAY))).toEqual([]);
    expect(dueCheckpoints(new Date(Number.NaN), none, at(DAY))).toEqual([]);
  });

  it("done checkpoints are read from metadata.analytics, tolerating other shapes", () => {
    expect([...doneCheckpoints({ analytics: { "1h": { measured_at: "x" }, "24h": "2025-03-05T14:30:00Z" } })]).toEqual(["1h", "24h"]);
    expect([...doneCheckpoints({ analytics: { "7d": null, other: 1 }, analytics_claim: { token: "t" } })]).toEqual([]);
    expect([...doneCheckpoints({})]).toEqual([]);
    expect([...doneCheckpoints(null)]).toEqual([]);
    expect([...doneCheckpoints({ analytics: ["1h"] })]).toEqual([]);
  });

  it("one measurement's entries name every checkpoint it covers", () => {
    const when = at(8 * DAY);
    const entries = checkpointEntries(["1h", "24h"], when, "a1");
    expect(entries).toEqual({
      "1h": { measured_at: when.toISOString(), analytics_id: "a1", covers: ["1h", "24h"] },
      "24h": { measured_at: when.toISOString(), analytics_id: "a1", covers: ["1h", "24h"] },
    });
    expect(checkpointEntries(["7d"], when, null, "permanent: gone")["7d"]).toEqual({
      measured_at: when.toISOString(),
      analytics_id: null,
      covers: ["7d"],
      error: "permanent: gone",
    });
  });
});

describe("engagement rate", () => {
  it("is (likes + shares + comments + clicks) / impressions", () => {
    expect(engagementRate({ likes: 10, shares: 5, comments: 3, clicks: 2, impressions: 400, reach: 300 })).toBeCloseTo(20 / 400, 12);
    expect(audienceOf({ ...zero, impressions: 400, reach: 300 })).toEqual({ basis: "impressions", size: 400 });
  });

  it("falls back to reach when there are no impressions", () => {
    expect(engagementRate({ ...zero, likes: 6, comments: 3, reach: 90 })).toBeCloseTo(0.1, 12);
    expect(audienceOf({ ...zero, reach: 90 })).toEqual({ basis: "reach", size: 90 });
  });

  it("is 0 when the platform reports no audience at all, however many interactions", () => {
    expect(engagementRate({ ...zero, likes: 40, shares: 7, comments: 2 })).toBe(0);
    expect(engagementRate(zero)).toBe(0);
    expect(engagementRate({})).toBe(0);
    expect(audienceOf({ ...zero, likes: 40 })).toBeNull();
  });

  it("is not capped at 1", () => {
    expect(engagementRate({ ...zero, likes: 3, shares: 3, comments: 3, impressions: 4 })).toBe(9 / 4);
  });

  it("ignores junk numbers instead of producing NaN", () => {
    expect(engagementRate({ likes: Number.NaN, shares: -5, comments: Number.POSITIVE_INFINITY, clicks: 1, impressions: 10, reach: 0 })).toBe(0.1);
    expect(engagementRate({ ...zero, likes: 5, impressions: Number.NaN, reach: -1 })).toBe(0);
  });

  it("the rate the best-time model learns from exists only where an audience figure does", () => {
    expect(observedRate({ ...zero, likes: 5, impressions: 100 })).toEqual({ rate: 0.05, basis: "impressions" });
    expect(observedRate({ ...zero, impressions: 100 })).toEqual({ rate: 0, basis: "impressions" });
    expect(observedRate({ ...zero, likes: 5, reach: 50 })).toEqual({ rate: 0.1, basis: "reach" });
    expect(observedRate({ ...zero, likes: 5 })).toEqual({ rate: null, basis: null });
    // Empty cells of an imported row count as 0.
    expect(observedRate({ likes: 4, comments: null, impressions: 80, reach: null })).toEqual({ rate: 0.05, basis: "impressions" });
    // Neither impressions nor reach: the account's followers, where the platform tells them.
    expect(observedRate({ ...zero, likes: 5, shares: 3, followers: 400 })).toEqual({ rate: 0.02, basis: "followers" });
    expect(observedRate({ ...zero, likes: 5, impressions: 100, followers: 400 })).toEqual({ rate: 0.05, basis: "impressions" });
    expect(observedRate({ ...zero, likes: 5, followers: 0 })).toEqual({ rate: null, basis: null });
  });
});

describe("counts for storage", () => {
  it("are whole, non-negative and fit an integer column", () => {
    expect(toCount(3.6)).toBe(4);
    expect(toCount(-1)).toBe(0);
    expect(toCount(Number.NaN)).toBe(0);
    expect(toCount("12")).toBe(0);
    expect(toCount(1e12)).toBe(2_147_483_647);
    expect(normalizeMetrics({ likes: 2.2, reach: 7 })).toEqual({ likes: 2, shares: 0, comments: 0, clicks: 0, impressions: 0, reach: 7 });
  });
});

describe("publish slot", () => {
  it("is the weekday (0 = Sunday) and hour in the schedule's zone", () => {
    // 2025-03-04 is a Tuesday.
    expect(publishSlot(published, "UTC")).toEqual({ weekday: 2, hour: 14, minuteOfDay: 14 * 60 + 30, timezone: "UTC" });
    expect(publishSlot(published, "America/New_York")).toMatchObject({ weekday: 2, hour: 9 });
    expect(publishSlot(published, "Pacific/Auckland")).toMatchObject({ weekday: 3, hour: 3 });
  });

  it("follows daylight saving time", () => {
    // New York: EST (−5) until 9 March 2025, EDT (−4) after.
    expect(publishSlot(new Date("2025-03-08T14:00:00Z"), "America/New_York")).toMatchObject({ weekday: 6, hour: 9 });
    expect(publishSlot(new Date("2025-03-10T13:00:00Z"), "America/New_York")).toMatchObject({ weekday: 1, hour: 9 });
  });

  it("treats an unknown zone as UTC", () => {
    expect(publishSlot(published, "Mars/Olympus")).toMatchObject({ weekday: 2, hour: 14, timezone: "UTC" });
  });
});

import { describe, expect, it } from "vitest";
import type { RawReport } from "@/db/queries/analytics-report";
import { parseRange } from "./range";
import { csvFileName, csvOf, dayLabel, displayValue, fillDays, shapeReport } from "./report";
import { toCsv } from "../csv";

const range = (() => {
  const r = parseRange("2026-06-01", "2026-06-03", new Date("2026-06-10T12:00:00Z"), "UTC");
  if (!r.ok) throw new Error(r.message);
  return r.range;
})();

const none: RawReport = {
  success: [],
  latency: [],
  errors: [],
  platforms: [],
  content_types: [],
  weekday_hour: [],
  engagement_platforms: [],
  engagement_daily: [],
  best_time: [],
};

describe("analytics report shaping", () => {
  it("an empty range is empty, with every day present and no rates", () => {
    const r = shapeReport(none, range);
    expect(r.empty).toBe(true);
    expect(r.rows.success.map((d) => [d.day, d.attempts, d.rate])).toEqual([
      ["2026-06-01", 0, null],
      ["2026-06-02", 0, null],
      ["2026-06-03", 0, null],
    ]);
    expect(r.summary).toMatchObject({ attempts: 0, successRate: null, latencyP50: null, meanRate: null });
  });

  it("fills missing days and computes rates from counts", () => {
    const r = shapeReport(
      {
        ...none,
        success: [{ day: "2026-06-02", attempts: 4, succeeded: 3 }],
        latency: [
          { day: null, posts: 3, mean_s: 2, p50_s: 1.5, p95_s: 4 },
          { day: "2026-06-02", posts: 3, mean_s: 2, p50_s: 1.5, p95_s: 4 },
        ],
        errors: [
          { outcome: "success", n: 3 },
          { outcome: "auth", n: 1 },
        ],
        platforms: [
          { key: "sandbox", n: 2 },
          { key: "mastodon", n: 1 },
        ],
      },
      range,
      (id) => id.toUpperCase(),
    );
    expect(r.empty).toBe(false);
    expect(r.rows.success[1]).toEqual({ day: "2026-06-02", label: "Jun 2", attempts: 4, succeeded: 3, failed: 1, rate: 0.75 });
    expect(r.rows.success[0]!.rate).toBeNull();
    expect(r.rows.latency.map((d) => d.p50_s)).toEqual([null, 1.5, null]);
    expect(r.rows.errors).toEqual([{ type: "auth", label: "Credentials refused", count: 1, share: 0.25 }]);
    expect(r.rows.platforms[0]).toEqual({ platform: "sandbox", name: "SANDBOX", published: 2 });
    expect(r.summary).toMatchObject({ attempts: 4, succeeded: 3, successRate: 0.75, published: 3, latencyP50: 1.5, latencyP95: 4 });
  });

  it("the overall engagement rate weighs every rated post, not each platform's mean", () => {
    const e = (key: string, rated: number, mean: number | null) => ({
      key,
      posts: rated + 1,
      rated,
      mean_rate: mean,
      likes: 1,
      shares: 0,
      comments: 0,
      impressions: 10,
    });
    const r = shapeReport({ ...none, engagement_platforms: [e("x", 3, 0.1), e("bluesky", 0, null), e("facebook", 1, 0.5)] }, range);
    expect(r.summary.measured).toBe(7);
    expect(r.summary.meanRate).toBeCloseTo((3 * 0.1 + 0.5) / 4, 10);
  });

  it("names weekday/hour slots (0 = Sunday)", () => {
    const r = shapeReport({ ...none, weekday_hour: [{ weekday: 0, hour: 9, n: 2 }], best_time: [{ weekday: 6, hour: 23, samples: 1, mean_rate: 0.2 }] }, range);
    expect(r.rows.weekday_hour[0]).toMatchObject({ weekday_name: "Sun", hour: "09:00", hour_number: 9, published: 2 });
    expect(r.rows.best_time[0]).toMatchObject({ weekday_name: "Sat", hour: "23:00", mean_rate: 0.2 });
  });

  it("writes CSV with the dataset's headers, fractions for rates and blanks for no data", () => {
    const r = shapeReport({ ...none, success: [{ day: "2026-06-01", attempts: 3, succeeded: 1 }] }, range);
    const csv = csvOf("success", r.rows.success);
    expect(toCsv(csv.rows, csv.columns).split("\r\n")).toEqual([
      "day,attempts,succeeded,failed,success_rate",
      "2026-06-01,3,1,2,0.333333",
      "2026-06-02,0,0,0,",
      "2026-06-03,0,0,0,",
      "",
    ]);
    expect(csvFileName("success", range)).toBe("analytics-success-2026-06-01-2026-06-03.csv");
  });

  it("formats values for the tables", () => {
    expect(displayValue(0.256, "percent")).toBe("26%");
    expect(displayValue(0.0123, "percent")).toBe("1.2%");
    expect(displayValue(0.4, "seconds")).toBe("400 ms");
    expect(displayValue(95, "seconds")).toBe("1.6 min");
    expect(displayValue(12, "seconds")).toBe("12 sec");
    expect(displayValue(1234567, "count")).toBe("1,234,567");
    expect(displayValue(1234567, "count", "de-DE")).toBe("1.234.567");
    expect(displayValue(0.0123, "percent", "de-DE")).toBe("1,2 %");
    expect(displayValue(95, "seconds", "de-DE")).toBe("1,6 Min.");
    expect(displayValue("2026-12-05", "day", "de-DE")).toBe("05.12.2026");
    expect(displayValue("2026-12-05", "day", "en-US")).toBe("Dec 5, 2026");
    expect(displayValue(null, "count")).toBe("–");
    expect(dayLabel("2026-12-05", "en-GB")).toBe("5 Dec");
    expect(dayLabel("2026-12-05", "en-US")).toBe("Dec 5");
    expect(dayLabel("2026-12-05", "de-DE")).toBe("5. Dez.");
    expect(
      fillDays(
        ["2026-01-01"],
        [],
        () => ({ n: 0 }),
        () => ({ n: 1 }),
      ),
    ).toEqual([{ day: "2026-01-01", label: "Jan 1", n: 0 }]);
  });
});

import { describe, expect, it } from "vitest";
import { confidenceInterval, posteriors, probabilityBest, trialResults, type TrialPost } from "./results";
import { normalCdf, tCdf, tQuantile } from "./stats";
import { seededRandom } from "../random";

const arms = [
  { key: "a", name: "Mornings" },
  { key: "b", name: "Evenings" },
];
const posts = (arm: string, values: (number | null)[], counted = true): TrialPost[] => values.map((value) => ({ arm, counted, value }));
const now = new Date("2031-01-10T00:00:00Z");

describe("the distributions behind the results", () => {
  it("gives Student's t quantiles of the tables", () => {
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.776445, 5);
    expect(tQuantile(0.975, 9)).toBeCloseTo(2.262157, 5);
    expect(tQuantile(0.975, 29)).toBeCloseTo(2.04523, 5);
    expect(tQuantile(0.975, 1000)).toBeCloseTo(1.962339, 5);
    expect(tCdf(0, 5)).toBeCloseTo(0.5, 12);
  });

  it("gives the normal CDF", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });

  it("draws the same numbers for the same seed", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(new Set(xs).size).toBe(5);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("confidence intervals", () => {
  it("is mean ± t(0.975, n−1)·s/√n for known data", () => {
    // 1..5: mean 3, s = √2.5, s/√5 = √0.5; t(0.975, 4) = 2.776445.
    const ci = confidenceInterval([1, 2, 3, 4, 5])!;
    expect(ci.mean).toBe(3);
    expect(ci.low).toBeCloseTo(3 - 2.776445 * Math.sqrt(0.5), 5);
    expect(ci.high).toBeCloseTo(3 + 2.776445 * Math.sqrt(0.5), 5);
    expect(ci.high - ci.low).toBeCloseTo(3.92649, 4);
  });

  it("has none below two values", () => {
    expect(confidenceInterval([0.04])).toBeNull();
    expect(confidenceInterval([])).toBeNull();
  });
});

describe("trial results", () => {
  it("reports each arm's counts, mean and interval, leaving out unmeasured and cancelled posts", () => {
    const r = trialResults({
      arms,
      posts: [...posts("a", [1, 2, 3, 4, 5, null]), ...posts("a", [100], false), ...posts("b", [2, 4])],
      stopPostsPerArm: 5,
      stopAt: null,
      now,
    });
    expect(r.arms[0]).toMatchObject({ key: "a", assigned: 6, measured: 5, mean: 3 });
    expect(r.arms[0]!.ci_low).toBeCloseTo(1.03676, 4);
    expect(r.arms[0]!.sd).toBeCloseTo(Math.sqrt(2.5), 10);
    expect(r.arms[1]).toMatchObject({ key: "b", assigned: 2, measured: 2, mean: 3 });
    expect(r.stop).toMatchObject({ met: false, min_measured: 2, posts_per_arm: 5 });
    expect(r.verdict).toBeNull();
  });

  it("names a clear winner once every arm has its posts measured", () => {
    const a = [0.031, 0.029, 0.033, 0.03, 0.028, 0.032, 0.03, 0.031];
    const b = [0.052, 0.049, 0.055, 0.05, 0.048, 0.053, 0.051, 0.05];
    const r = trialResults({ arms, posts: [...posts("a", a), ...posts("b", b)], stopPostsPerArm: 8, stopAt: null, now });
    expect(r.method).toBe("exact");
    expect(r.arms[1]!.p_best!).toBeGreaterThanOrEqual(0.95);
    expect(r.arms[0]!.p_best! + r.arms[1]!.p_best!).toBeCloseTo(1, 10);
    expect(r.stop).toMatchObject({ met: true, reason: "posts" });
    expect(r.verdict).toEqual({ outcome: "winner", arm: "b" });
  });

  it("finds no clear difference between equal arms", () => {
    const a = [0.03, 0.05, 0.04, 0.06, 0.02, 0.04];
    const b = [0.05, 0.03, 0.04, 0.02, 0.06, 0.04];
    const r = trialResults({ arms, posts: [...posts("a", a), ...posts("b", b)], stopPostsPerArm: 6, stopAt: null, now });
    expect(r.arms[0]!.p_best!).toBeCloseTo(0.5, 6);
    expect(r.verdict).toEqual({ outcome: "no_clear_difference", arm: null });
  });

  it("gives no verdict before the stop rule is met, however clear the data", () => {
    const r = trialResults({
      arms,
      posts: [...posts("a", [1, 1.1, 0.9]), ...posts("b", [5, 5.1, 4.9])],
      stopPostsPerArm: 10,
      stopAt: new Date("2031-02-01T00:00:00Z"),
      now,
    });
    expect(r.arms[1]!.p_best!).toBeGreaterThan(0.99);
    expect(r.stop.met).toBe(false);
    expect(r.verdict).toBeNull();
  });

  it("ends at the end date even with arms short of posts", () => {
    const r = trialResults({ arms, posts: [...posts("a", [1, 2]), ...posts("b", [1.5])], stopPostsPerArm: 10, stopAt: new Date("2031-01-09T00:00:00Z"), now });
    expect(r.stop).toMatchObject({ met: true, reason: "date", min_measured: 1 });
    expect(r.verdict).toEqual({ outcome: "no_clear_difference", arm: null });
  });

  it("has no probabilities without measured posts", () => {
    const r = trialResults({ arms, posts: posts("a", [null, null]), stopPostsPerArm: 3, stopAt: null, now });
    expect(r.arms.map((a) => a.p_best)).toEqual([null, null]);
    expect(r.method).toBeNull();
    expect(r.arms[0]).toMatchObject({ assigned: 2, measured: 0, mean: null, ci_low: null });
  });

  it("estimates three arms by a seeded Monte Carlo: the same on every read, close to the truth", () => {
    const three = [...arms, { key: "c", name: "Lunch" }];
    const input = {
      arms: three,
      posts: [...posts("a", [1, 2, 3, 2]), ...posts("b", [2, 3, 4, 3]), ...posts("c", [6, 7, 8, 7])],
      stopPostsPerArm: 4,
      stopAt: null,
      now,
    };
    const r = trialResults(input);
    expect(r.method).toBe("monte_carlo");
    expect(trialResults(input)).toEqual(r);
    expect(r.arms[0]!.p_best! + r.arms[1]!.p_best! + r.arms[2]!.p_best!).toBeCloseTo(1, 10);
    expect(r.verdict).toEqual({ outcome: "winner", arm: "c" });
  });

  it("agrees with the exact answer for two arms when estimated by Monte Carlo", () => {
    const post = posteriors([
      [1, 2, 3],
      [2, 3, 4],
    ])!;
    const exact = probabilityBest(post).p[1]!;
    // A third arm far below never wins: the estimate for the other two is the two-arm one.
    const mc = probabilityBest([...post, { mean: -1e6, variance: 1 }]);
    expect(mc.method).toBe("monte_carlo");
    expect(mc.p[1]!).toBeCloseTo(exact, 2);
    expect(exact).toBeGreaterThan(0.8);
    expect(exact).toBeLessThan(0.95);
  });
});

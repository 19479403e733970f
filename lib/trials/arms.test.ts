import { describe, expect, it } from "vitest";
import { chooseArm, slotsFromPairs, weeklyTimes, type Arm } from "./arms";

const arms: Arm[] = [
  { key: "a", name: "A", strategy: "learned" },
  { key: "b", name: "B", strategy: "baseline" },
  { key: "c", name: "C", strategy: "slots", slots: [{ days: [1], times: ["09:00"] }] },
];

describe("dealing posts to arms", () => {
  it("alternates: the arm with the fewest posts, ties to the earlier arm", () => {
    expect(chooseArm(arms, "alternate", new Map()).key).toBe("a");
    expect(chooseArm(arms, "alternate", new Map([["a", 1]])).key).toBe("b");
    expect(
      chooseArm(
        arms,
        "alternate",
        new Map([
          ["a", 2],
          ["b", 1],
          ["c", 1],
        ]),
      ).key,
    ).toBe("b");
    expect(
      chooseArm(
        arms,
        "alternate",
        new Map([
          ["a", 1],
          ["b", 1],
          ["c", 0],
        ]),
      ).key,
    ).toBe("c");
  });

  it("picks at random with the given source, whatever the counts", () => {
    expect(chooseArm(arms, "random", new Map([["c", 9]]), () => 2).key).toBe("c");
    const seen = new Set(Array.from({ length: 200 }, () => chooseArm(arms, "random", new Map()).key));
    expect([...seen].sort()).toEqual(["a", "b", "c"]);
  });
});

describe("weekly times", () => {
  it("counts distinct weekday and time pairs, and groups pairs back by time", () => {
    expect(
      weeklyTimes([
        { days: [1, 2], times: ["09:00", "12:00"] },
        { days: [2], times: ["09:00"] },
      ]),
    ).toBe(4);
    expect(
      slotsFromPairs([
        { weekday: 3, time: "18:00" },
        { weekday: 1, time: "09:00" },
        { weekday: 2, time: "18:00" },
      ]),
    ).toEqual([
      { days: [1], times: ["09:00"] },
      { days: [2, 3], times: ["18:00"] },
    ]);
  });
});

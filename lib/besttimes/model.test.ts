import { seededRandom } from "../random";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_HYPER,
  PRIOR_LEVEL_WEIGHT,
  SLOT_COUNT,
  baselinePrior,
  fitModel,
  fitModelWith,
  priorFrom,
  recencyWeight,
  slotOf,
  topSlots,
  type ModelPrior,
  type Observation,
} from "./model";

/** Every test sees the same "random" posts. */
const rng = seededRandom;
const gauss = (r: () => number) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
const flatPrior: ModelPrior = { lift: new Array<number>(SLOT_COUNT).fill(1), level: null, levelWeight: 0 };
const hourOf = (slot: number) => slot % 24;

/** Posts at uniformly drawn weekdays and hours 07–21, rate = 3 % × truth × log-normal noise. */
function posts(seed: number, n: number, truth: (d: number, h: number) => number, noiseSd = 0.3, age: (i: number) => number = () => 10): Observation[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const weekday = Math.floor(r() * 7);
    const hour = 7 + Math.floor(r() * 15);
    return { weekday, hour, rate: 0.03 * truth(weekday, hour) * Math.exp(noiseSd * gauss(r) - noiseSd ** 2 / 2), ageDays: age(i) };
  });
}

describe("fitModel", () => {
  it("recovers a planted peak from 60 noisy posts, outside the research window", () => {
    // Thursday 18:00: the hour is ×2 on every day (1 h wide), Thursday ×1.4 all day.
    const truth = (d: number, h: number) => (d === 4 ? 1.4 : 1) * (1 + Math.exp(-((h - 18) ** 2) / 2));
    for (const seed of [1, 2, 3]) {
      const model = fitModel(posts(seed, 60, truth), baselinePrior("linkedin"));
      expect(topSlots(model, 3)).toContain(slotOf(4, 18));
    }
  });

  it("does not let one lucky post at an off-peak slot take the top", () => {
    // 30 ordinary posts (rate 3 % ± noise), then one at Sunday 03:00 with ten times the rate.
    const ordinary = posts(4, 30, () => 1);
    const lucky: Observation = { weekday: 0, hour: 3, rate: 0.3, ageDays: 1 };
    const model = fitModel([...ordinary, lucky], baselinePrior("linkedin"));
    expect(topSlots(model, 1)[0]).not.toBe(slotOf(0, 3));
    expect(topSlots(model, 3)).not.toContain(slotOf(0, 3));
    // It still counts for something: its slot is above where it would be without it.
    const without = fitModel(ordinary, baselinePrior("linkedin"));
    expect(model.slots[slotOf(0, 3)]!.lift).toBeGreaterThan(without.slots[slotOf(0, 3)]!.lift);
    expect(model.slots[slotOf(0, 3)]!.posts).toBe(1);
  });

  it("answers the research baseline's own top slots when there are no posts", () => {
    // LinkedIn: Tue–Thu 08–14 all weigh 1, so ties go to the lowest slots: Tue 08, 09, 10.
    expect(topSlots(fitModel([], baselinePrior("linkedin")), 3)).toEqual([slotOf(2, 8), slotOf(2, 9), slotOf(2, 10)]);
    // Instagram: weekdays 10–15 → Mon 10, 11, 12.
    expect(topSlots(fitModel([], baselinePrior("instagram")), 3)).toEqual([slotOf(1, 10), slotOf(1, 11), slotOf(1, 12)]);
    const lifts = baselinePrior("linkedin").lift;
    expect(lifts.reduce((a, b) => a + b, 0) / SLOT_COUNT).toBeCloseTo(1, 12);
    expect(lifts[slotOf(3, 10)]).toBeGreaterThan(lifts[slotOf(3, 18)]!);
  });

  it("follows an audience that moved: recent posts outweigh older, more numerous ones", () => {
    // Posts walk through 07:00–21:00 and the weekdays in turn. 60 from 150–210 days ago peak at
    // 09:00; 25 from the last five weeks peak at 18:00 (both ×2, 1 h wide).
    const r = rng(5);
    const walk = (n: number, peak: number, age: (i: number) => number, offset: number): Observation[] =>
      Array.from({ length: n }, (_, i) => {
        const hour = 7 + ((i + offset) % 15);
        return { weekday: (i + offset) % 7, hour, rate: 0.03 * (1 + Math.exp(-((hour - peak) ** 2) / 2)) * Math.exp(0.3 * gauss(r) - 0.045), ageDays: age(i) };
      });
    const all = [...walk(60, 9, (i) => 150 + i, 0), ...walk(25, 18, (i) => i * 1.4, 3)];
    const prior = baselinePrior("linkedin");
    const weighted = hourOf(topSlots(fitModel(all, prior), 1)[0]!);
    expect(Math.abs(weighted - 18)).toBeLessThanOrEqual(1);
    // The same posts with recency switched off (every post weighs 1): the old majority wins.
    const unweighted = hourOf(topSlots(fitModelWith(all, prior, { ...DEFAULT_HYPER, halfLifeDays: Infinity }), 1)[0]!);
    expect(Math.abs(unweighted - 9)).toBeLessThanOrEqual(1);
  });

  it("weighs a post by its age with the documented half-life", () => {
    expect(recencyWeight(0)).toBe(1);
    expect(recencyWeight(DEFAULT_HYPER.halfLifeDays)).toBeCloseTo(0.5, 12);
    expect(recencyWeight(3 * DEFAULT_HYPER.halfLifeDays)).toBeCloseTo(0.125, 12);
    const model = fitModel(
      posts(
        7,
        3,
        () => 1,
        0.2,
        (i) => i * DEFAULT_HYPER.halfLifeDays,
      ),
      flatPrior,
    );
    expect(model.posts).toBe(3);
    expect(model.effectivePosts).toBeCloseTo(1 + 0.5 + 0.25, 12);
  });

  it("widens the intervals when there are fewer posts", () => {
    const truth = (_d: number, h: number) => 1 + 0.5 * Math.exp(-((h - 12) ** 2) / 8);
    const all = posts(8, 120, truth);
    const few = fitModel(all.slice(0, 10), baselinePrior("linkedin"));
    const many = fitModel(all, baselinePrior("linkedin"));
    const width = (m: typeof few, k: number) => m.slots[k]!.high! - m.slots[k]!.low!;
    let wider = 0;
    for (let k = 0; k < SLOT_COUNT; k++) {
      expect(few.slots[k]!.liftSd).toBeGreaterThan(many.slots[k]!.liftSd);
      if (width(few, k) > width(many, k)) wider++;
    }
    expect(wider).toBe(SLOT_COUNT);
    expect(few.levelSd!).toBeGreaterThan(many.levelSd!);
    for (const s of many.slots) {
      expect(s.low!).toBeLessThanOrEqual(s.rate!);
      expect(s.rate!).toBeLessThanOrEqual(s.high!);
      expect(s.low!).toBeGreaterThanOrEqual(0);
    }
  });

  it("leaves rates null while the level is unknown, and fills them once it is", () => {
    const empty = fitModel([], baselinePrior("x"));
    expect(empty.level).toBeNull();
    expect(empty.levelSd).toBeNull();
    expect(empty.posts).toBe(0);
    expect(empty.effectivePosts).toBe(0);
    for (const s of empty.slots) expect([s.rate, s.low, s.high]).toEqual([null, null, null]);
    for (const s of empty.slots) expect(s.liftSd).toBeGreaterThan(0);

    const one = fitModel([{ weekday: 3, hour: 10, rate: 0.05, ageDays: 2 }], baselinePrior("x"));
    expect(one.level).toBeCloseTo(0.05, 12);
    expect(one.slots[slotOf(3, 10)]!.rate).toBeCloseTo(0.05 * one.slots[slotOf(3, 10)]!.lift, 12);
  });

  it("shrinks a narrower model's level toward the broader model's", () => {
    const account = fitModel(
      posts(9, 80, () => 1, 0.2),
      baselinePrior("linkedin"),
    );
    const prior = priorFrom(account);
    expect(prior.lift).toEqual(account.slots.map((s) => s.lift));
    expect(prior.level).toBe(account.level);
    expect(prior.levelWeight).toBe(PRIOR_LEVEL_WEIGHT);
    // Three posts of one content type at twice the account's rate: pulled up, but only part way.
    const three = [0, 1, 2].map((i) => ({ weekday: 2, hour: 9 + i, rate: 2 * account.level!, ageDays: 0 }));
    const narrow = fitModel(three, prior);
    expect(narrow.level!).toBeGreaterThan(1.2 * account.level!);
    expect(narrow.level!).toBeLessThanOrEqual(((3 * 2 + PRIOR_LEVEL_WEIGHT) / (3 + PRIOR_LEVEL_WEIGHT)) * account.level! + 1e-12);
    // With no posts of its own it is the broader model, rates included.
    const none = fitModel([], prior);
    expect(none.level).toBeCloseTo(account.level!, 12);
    expect(topSlots(none, 5)).toEqual(topSlots(account, 5));
    expect(none.slots[slotOf(3, 9)]!.rate).toBeCloseTo(account.level! * account.slots[slotOf(3, 9)]!.lift, 12);
  });

  it("is deterministic and leaves its input alone", () => {
    const obs = posts(10, 40, (d) => (d === 6 ? 2 : 1));
    const copy = structuredClone(obs);
    const prior = baselinePrior("facebook");
    const a = fitModel(obs, prior);
    const b = fitModel(obs, prior);
    expect(b).toEqual(a);
    expect(obs).toEqual(copy);
    expect(topSlots(a, 168)).toHaveLength(SLOT_COUNT);
    expect(new Set(topSlots(a, 168)).size).toBe(SLOT_COUNT);
  });

  it("refuses observations and priors it cannot use", () => {
    const ok: Observation = { weekday: 1, hour: 9, rate: 0.02, ageDays: 3 };
    for (const bad of [{ weekday: 7 }, { weekday: 1.5 }, { hour: 24 }, { hour: -1 }, { rate: -0.1 }, { rate: Number.NaN }, { ageDays: -1 }])
      expect(() => fitModel([{ ...ok, ...bad }], flatPrior)).toThrow(RangeError);
    expect(() => fitModel([ok], { ...flatPrior, lift: [1, 2] })).toThrow(RangeError);
    expect(() => fitModel([ok], { ...flatPrior, level: -1, levelWeight: 1 })).toThrow(RangeError);
  });

  it("copes with posts that all scored zero", () => {
    const zeros = [0, 1, 2, 3].map((i) => ({ weekday: i, hour: 10, rate: 0, ageDays: i }));
    const model = fitModel(zeros, baselinePrior("linkedin"));
    expect(model.level).toBe(0);
    expect(topSlots(model, 3)).toEqual(topSlots(fitModel([], baselinePrior("linkedin")), 3));
    for (const s of model.slots) expect([s.rate, s.low]).toEqual([0, 0]);
  });
});

import crypto from "node:crypto";
import type { TRIAL_ALLOCATIONS, TRIAL_STRATEGIES } from "../validation/trials";

export type Strategy = (typeof TRIAL_STRATEGIES)[number];
export type Allocation = (typeof TRIAL_ALLOCATIONS)[number];
export interface WeeklySlot {
  days: number[];
  times: string[];
}
export interface Arm {
  key: string;
  name: string;
  strategy: Strategy;
  slots?: WeeklySlot[];
}

/** The default key of the arm at position i: a, b, c … */
export const armKey = (i: number) => String.fromCharCode(97 + i);

/** A trial's stored arms (the column is JSON written only by createTrial). */
export function armsOf(raw: unknown): Arm[] {
  return Array.isArray(raw) ? (raw as Arm[]) : [];
}

/**
 * The arm the next post goes to. alternate: the arm with the fewest posts so far (ties go to the
 * earlier arm), so arms stay within one post of each other; random: each arm equally likely.
 */
export function chooseArm(arms: Arm[], allocation: Allocation | string, counts: Map<string, number>, pick: (n: number) => number = crypto.randomInt): Arm {
  if (!arms.length) throw new Error("a trial without arms");
  if (allocation === "random") return arms[pick(arms.length)]!;
  let best = arms[0]!;
  for (const arm of arms) if ((counts.get(arm.key) ?? 0) < (counts.get(best.key) ?? 0)) best = arm;
  return best;
}

/** Distinct weekly (weekday, time) pairs of a slot set: how many posts a week it plans. */
export function weeklyTimes(slots: WeeklySlot[]): number {
  return new Set(slots.flatMap((s) => s.days.flatMap((d) => s.times.map((t) => `${d} ${t}`)))).size;
}

/** (weekday, time) pairs as a slot set: one entry per time, with the days it is used on. */
export function slotsFromPairs(pairs: { weekday: number; time: string }[]): WeeklySlot[] {
  const byTime = new Map<string, Set<number>>();
  for (const p of pairs) byTime.set(p.time, (byTime.get(p.time) ?? new Set()).add(p.weekday));
  return [...byTime.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([time, days]) => ({ days: [...days].sort((a, b) => a - b), times: [time] }));
}

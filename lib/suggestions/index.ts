import { getDescriptor } from "@/adapters/registry";
import type { PlatformId } from "@/adapters/types";
import { describeDuration, isLive, type AccountRules, type Blackout, type Slot } from "../conflicts";
import { DAY_MS, HOUR_MS, MINUTE_MS, dayNumberOf, formatLocal, isValidTimeZone, utcToLocal, weekdayOf, weekdayOfDayNumber } from "../time";
import { baselineFor } from "./baselines";
import { baselineReason, type SlotModel } from "../besttimes/stored";

export { BASELINES, PLATFORM_BASELINE, baselineFor, type Baseline, type BaselineWindow } from "./baselines";

export interface SuggestInput {
  platformId: PlatformId;
  timezone: string;
  from: Date;
  to: Date;
  count: number;
  existing: Slot[];
  blackouts: Blackout[];
  rules: AccountRules;
  /** When set, existing slots and blackouts of other accounts are ignored. */
  accountId?: string;
  maxPerWeek?: number | null;
  minPerWeek?: number | null;
  /** First day of a week, 0 = Sunday … 6 = Saturday (the user preference); Monday by default. */
  weekStart?: number;
  now?: Date;
  /** The account's learned model (lib/besttimes); without one the research baseline decides. */
  model?: SlotModel | null;
  /**
   * Only free times: no candidate within the minimum gap of another post or on a day at its
   * daily cap (queueing at the best free times). Otherwise such times only lose score, so a
   * crowded range still gets an answer.
   */
  strict?: boolean;
  /** Picks on one local day at most (2 by default, to spread suggestions out). */
  perDay?: number;
}

export interface Suggestion {
  start: Date;
  /** Wall time in the zone, "YYYY-MM-DDTHH:mm", as schedules store it. */
  local: string;
  score: number;
  reasons: string[];
  /** Expected engagement rate at that weekday and hour and its interval; null without a learned level. */
  expected: { rate: number; low: number; high: number } | null;
  /** The account's own posts at that weekday and hour behind the estimate. */
  slotPosts: number;
  /** Where the estimate comes from: "learned from 38 of your posts" / "research baseline for LinkedIn". */
  basis: string;
}

/** Whose research an account's suggestions rest on, named by the account's own platform. */
export interface ResearchBasis {
  /** The account's platform, e.g. "Mastodon". */
  platform: string;
  /** The platform whose research is used, or null for the general baseline (weekday office hours). */
  research: string | null;
  /** "research for X", "no research for Mastodon; using the research for X", "no research for Sandbox; using the general baseline". */
  label: string;
}

export function researchBasis(platformId: PlatformId): ResearchBasis {
  const platform = getDescriptor(platformId).name;
  const baseline = baselineFor(platformId);
  if (baseline.platform === "general") return { platform, research: null, label: `no research for ${platform}; using the general baseline` };
  if (baseline.platform === platform) return { platform, research: platform, label: `research for ${platform}` };
  return { platform, research: baseline.platform, label: `no research for ${platform}; using the research for ${baseline.platform}` };
}

// Penalty sizes: a rule break (min gap, daily cap) must lose to any ordinary slot; nearness and a
// busy day only nudge, so the baseline still decides between otherwise free slots.
const BREAK_PENALTY = 1;
const NEAR_MS = 3 * HOUR_MS;
const NEAR_PENALTY = 0.3;
const SAME_DAY_PENALTY = 0.1;
const BELOW_MIN_BONUS = 0.3;
const DAYTIME_WEIGHT = 0.2;
const PER_DAY = 2;
const STEP_MS = 15 * MINUTE_MS;
const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

interface Candidate {
  t: number;
  local: string;
  day: number;
  week: number;
  base: number;
  reasons: string[];
  slot: number;
}

const bump = (m: Map<number, number>, k: number) => m.set(k, (m.get(k) ?? 0) + 1);
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
const pct = (v: number) => `${(v * 100).toFixed(v < 0.1 ? 2 : 1)}%`;
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Distance from t to the nearest value of an ascending array, Infinity when empty. */
function nearest(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo < sorted.length ? sorted[lo]! - t : Infinity, lo > 0 ? t - sorted[lo - 1]! : Infinity);
}

/**
 * The best `count` times to post in [from, to), best first. Candidates are the local :00 and :30
 * of every hour; blackouts and weeks at maxPerWeek are skipped outright, other rule breaks only
 * cost score so a crowded range still gets an answer. Picks are greedy: each one is scored against
 * the existing posts and the better suggestions already chosen, which spreads them out (never
 * within the min gap of each other, at most two a day). Equal scores go to the earlier time.
 */
export function suggestTimes(input: SuggestInput): Suggestion[] {
  const { timezone: tz, rules, accountId } = input;
  if (!isValidTimeZone(tz)) throw new RangeError(`"${tz}" is not a known IANA time zone`);
  const fromMs = Math.max(input.from.getTime(), (input.now ?? new Date()).getTime());
  const toMs = input.to.getTime();
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) throw new RangeError("from, to and now must be valid Dates");
  if (!(input.count > 0) || toMs <= fromMs) return [];

  const baseline = baselineFor(input.platformId);
  const platformName = getDescriptor(input.platformId).name;
  const borrowed =
    baseline.platform === platformName || baseline.platform === "general" ? "" : ` (research for ${baseline.platform}, applied to ${platformName})`;
  const model = input.model ?? null;
  const basis = model ? model.reason : baselineReason(input.platformId);
  // A learned lift becomes a 0–1 score across the week, the scale the penalties below are sized for.
  const lifts = model ? model.slots.map((x) => x.lift) : [];
  const liftLo = Math.min(...lifts);
  const liftSpan = Math.max(...lifts) - liftLo;
  const weekStart = input.weekStart ?? 1;
  const weekOf = (day: number) => day - ((weekdayOfDayNumber(day) - weekStart + 7) % 7);
  const gapMs = rules.minGapMinutes * MINUTE_MS;

  const existing = input.existing
    .filter((s) => isLive(s) && (accountId === undefined || s.accountId === accountId))
    .map((s) => s.instant.getTime())
    .sort((a, b) => a - b);
  const blackouts = input.blackouts.filter((b) => accountId === undefined || b.accountId === null || b.accountId === accountId);
  const perDay = new Map<number, number>();
  const perWeek = new Map<number, number>();
  // Only posts near the range can share a day or week with a candidate: skip converting the rest.
  for (const t of existing) {
    if (t < fromMs - 8 * DAY_MS || t >= toMs + 8 * DAY_MS) continue;
    const day = dayNumberOf(utcToLocal(new Date(t), tz));
    bump(perDay, day);
    bump(perWeek, weekOf(day));
  }

  /** The research for the wall time in the asked zone; the model for the wall time in its own (where the account posts). */
  function baseScore(weekday: number, hour: number, slotIndex: number): { base: number; reasons: string[] } {
    const windows = baseline.windows.filter((w) => w.weekdays.includes(weekday) && hour >= w.fromHour && hour < w.toHour);
    const best = windows.reduce<(typeof windows)[number] | null>((a, w) => (a === null || w.weight > a.weight ? w : a), null);
    const research = best ? `${best.reason}${borrowed}` : `outside the usual peak hours for ${platformName}${hour >= 8 && hour < 21 ? "" : ", at night"}`;
    if (!model) return { base: best ? best.weight : hour >= 8 && hour < 21 ? DAYTIME_WEIGHT : 0, reasons: [research] };
    const slot = model.slots[slotIndex]!;
    const at = `${DAY_NAMES[Math.floor(slotIndex / 24)]}s at ${String(slotIndex % 24).padStart(2, "0")}:00${model.timezone === tz ? "" : ` ${model.timezone}`}`;
    const seen = slot.posts ? `${slot.posts} of your posts went out then` : "none of your posts went out then";
    const rate = slot.rate === null ? "" : `: expected engagement ${pct(slot.rate)} (${pct(slot.low ?? slot.rate)}–${pct(slot.high ?? slot.rate)})`;
    return {
      base: liftSpan > 1e-9 ? (slot.lift - liftLo) / liftSpan : 0.5,
      reasons: [`${sentence(model.reason)}; ${at}${rate}; ${seen}`, `research: ${research}`],
    };
  }

  // Every zone offset in use is a multiple of 15 minutes, so local :00 and :30 fall on this UTC grid.
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  for (let t = Math.ceil(fromMs / STEP_MS) * STEP_MS; t < toMs; t += STEP_MS) {
    const l = utcToLocal(new Date(t), tz);
    const local = formatLocal(l);
    // The repeated hour of a fall-back day would offer the same wall time twice.
    if (l.minute % 30 !== 0 || seen.has(local)) continue;
    seen.add(local);
    if (blackouts.some((b) => b.startsAt.getTime() <= t && t < b.endsAt.getTime())) continue;
    const day = dayNumberOf(l);
    const weekday = weekdayOfDayNumber(day);
    const m = model && model.timezone !== tz ? utcToLocal(new Date(t), model.timezone) : null;
    const slot = m ? weekdayOf(m) * 24 + m.hour : weekday * 24 + l.hour;
    candidates.push({ t, local, day, week: weekOf(day), slot, ...baseScore(weekday, l.hour, slot) });
  }

  const picked: Suggestion[] = [];
  const pickedTimes: number[] = [];
  const pickedDay = new Map<number, number>();
  const pickedWeek = new Map<number, number>();
  const taken = new Set<number>();

  function evaluate(c: Candidate): Suggestion | null {
    const week = (perWeek.get(c.week) ?? 0) + (pickedWeek.get(c.week) ?? 0);
    if (input.maxPerWeek != null && week >= input.maxPerWeek) return null;
    if ((pickedDay.get(c.day) ?? 0) >= (input.perDay ?? PER_DAY) || nearest(pickedTimes, c.t) < gapMs) return null;
    let score = c.base;
    const reasons = [...c.reasons];
    const near = Math.min(nearest(existing, c.t), nearest(pickedTimes, c.t));
    if (near < gapMs) {
      if (input.strict) return null;
      score -= BREAK_PENALTY;
      reasons.push(`only ${describeDuration(near)} from another post (minimum gap ${describeDuration(gapMs)})`);
    } else if (near < NEAR_MS) {
      score -= NEAR_PENALTY * (1 - near / NEAR_MS);
      reasons.push(`the nearest other post is ${describeDuration(near)} away`);
    } else reasons.push("no other post within 3 hours");
    const sameDay = (perDay.get(c.day) ?? 0) + (pickedDay.get(c.day) ?? 0);
    if (rules.dailyCap !== null && sameDay >= rules.dailyCap) {
      if (input.strict) return null;
      score -= BREAK_PENALTY;
      reasons.push(`that day already has ${plural(sameDay, "post")}, the daily cap`);
    } else if (sameDay > 0) {
      score -= SAME_DAY_PENALTY * sameDay;
      reasons.push(`that day already has ${plural(sameDay, "post")}`);
    } else reasons.push("nothing else is planned that day");
    const { minPerWeek: min, maxPerWeek: max } = input;
    if (min != null && week < min) score += BELOW_MIN_BONUS;
    if (min != null && max != null) reasons.push(`this week has ${week} of ${min}–${max} posts`);
    else if (max != null) reasons.push(`this week has ${week} of at most ${max} posts`);
    else if (min != null) reasons.push(`this week has ${week} of at least ${min} posts`);
    // Rounded so that equal-looking scores compare equal and the earlier time wins.
    const est = model?.slots[c.slot];
    return {
      start: new Date(c.t),
      local: c.local,
      score: Math.round(score * 1000) / 1000,
      reasons,
      expected: est && est.rate !== null ? { rate: est.rate, low: est.low ?? est.rate, high: est.high ?? est.rate } : null,
      slotPosts: est?.posts ?? 0,
      basis,
    };
  }

  while (picked.length < input.count) {
    let best: { c: Candidate; s: Suggestion } | null = null;
    for (const c of candidates) {
      if (taken.has(c.t)) continue;
      const s = evaluate(c);
      if (s && (best === null || s.score > best.s.score)) best = { c, s };
    }
    if (!best) break;
    picked.push(best.s);
    taken.add(best.c.t);
    const at = pickedTimes.findIndex((t) => t > best.c.t);
    pickedTimes.splice(at === -1 ? pickedTimes.length : at, 0, best.c.t);
    bump(pickedDay, best.c.day);
    bump(pickedWeek, best.c.week);
  }
  return picked;
}

/**
 * Best posting times learned from an account's own results: a small Bayesian model of engagement
 * by local weekday × hour. Pure and deterministic (no clock, no database); docs/best-times.md
 * explains it for readers and how the benchmark (scripts/bench/besttimes.ts) measures it.
 *
 * Data. Each observation is one published post: its local weekday and hour, its engagement rate
 * and its age in days. A post weighs w = recencyWeight(age) = 2^(−age / HALF_LIFE_DAYS), so an
 * audience that shifted is followed within a few half-lives.
 *
 * Level. The account's mean engagement rate: the weighted mean of the rates (weights w · u, u the
 * robustness weight below, so a viral post does not inflate it), shrunk toward prior.level with
 * prior.levelWeight pseudo-posts; null when neither is known. Rates divided by it are relative
 * engagements r_i (1 = an average post).
 *
 * Shape. For slot s = (d, h):  r_i = prior.lift[s] + f_s + e_i, with f = D + H + I a zero-mean
 * Gaussian over the 168 slots made of
 *   D_d   a weekday effect, N(0, tauDay²) per weekday;
 *   H_h   an hour effect shared by all weekdays: a first-order random walk around the clock
 *         (H_h − H_{h−1} ~ N(0, tauHourStep²), 23:00 next to 00:00) with N(0, tauHour²) on each
 *         value, so neighbouring hours share evidence and an hour without posts lies between its
 *         neighbours;
 *   I_d,h a weekday's own deviation from the shared hour curve, the same kind of walk with the
 *         smaller tauSlotStep / tauSlot (a weekend morning may differ from a weekday morning);
 *   e_i   noise N(0, σ² / (w_i · u_i)): weighted least squares, reading an old post as a noisier
 *         measurement of today's audience (it measured the audience of its day).
 * The posterior of f given the weighted posts is Gaussian: weighted least squares with these
 * priors, a 199-unknown linear system that posterior.ts solves by eliminating I weekday by weekday
 * and factorising the 31 × 31 rest (Cholesky); it gives each slot's posterior mean and sd. A slot
 * without posts gets what its weekday, its hour and the neighbouring hours say.
 *
 * Robustness and noise. Engagement has heavy tails: a post now and then goes viral whatever its
 * time. Each post gets the weight of a Student-t likelihood with tailDf degrees of freedom,
 * u = min(1, (ν + 1) / (ν + z²)), z its residual in σ: a post 2 σ off keeps 5/8 of its weight, one
 * 10 σ off (a lucky ×10 post) 5 %, so a single lucky post cannot carry its slot to the top. σ
 * (relative engagement; 0.5 = posts land ±50 % around their slot's mean) is re-estimated from the
 * weighted residuals — each post counting 1 − its leverage — with a prior of sigmaPrior worth
 * sigmaPriorWeight posts, so three posts cannot claim a tiny σ. Level, σ and weights are refined
 * in a fixed number of rounds (deterministic).
 *
 * Answer. lift = prior.lift + posterior mean of f, liftSd its posterior sd; rate = level × lift
 * with a central INTERVAL credible interval for the slot's expected rate (not for one post's
 * outcome) from the lift and level uncertainties; rates are null while the level is unknown.
 * Hyperparameters are general choices (DEFAULT_HYPER, docs/best-times.md says why each).
 */
import type { PlatformId } from "@/adapters/types";
import { baselineFor } from "@/lib/suggestions/baselines";
import { circularWalkPrecision, slotPosterior, slotPrior, type SlotPrior } from "./posterior";

export const SLOT_COUNT = 168; // slot = weekday * 24 + hour, weekday 0 = Sunday … 6 = Saturday, local time
export const slotOf = (weekday: number, hour: number) => weekday * 24 + hour;
/** Half-life of a post's weight: after 60 days a post counts half, after 180 days an eighth. */
export const HALF_LIFE_DAYS = 60;
/** Central probability of the rate intervals. */
export const INTERVAL = 0.9;
/** Research baseline → prior lift: 1 + BASELINE_KAPPA · (weight − mean weight). */
export const BASELINE_KAPPA = 0.2;
/** At most this many posts' worth of confidence passes from a fitted model's level to a narrower model. */
export const PRIOR_LEVEL_WEIGHT = 5;

/** The model's hyperparameters (see the top of the file); `fitModel` uses DEFAULT_HYPER. */
export interface Hyper {
  halfLifeDays: number;
  tauDay: number;
  tauHourStep: number;
  tauHour: number;
  tauSlotStep: number;
  tauSlot: number;
  sigmaPrior: number;
  sigmaPriorWeight: number;
  tailDf: number;
}
export const DEFAULT_HYPER: Readonly<Hyper> = Object.freeze({
  halfLifeDays: HALF_LIFE_DAYS,
  tauDay: 0.2,
  tauHourStep: 0.25,
  tauHour: 0.4,
  tauSlotStep: 0.15,
  tauSlot: 0.2,
  sigmaPrior: 0.5,
  sigmaPriorWeight: 4,
  tailDf: 4,
});

const ROUNDS = 4;
const DAYS = 7;
const HOURS = 24;
/** Standard normal quantile of (1 + INTERVAL) / 2. */
const Z = 1.6448536269514722;

export interface Observation {
  weekday: number;
  hour: number;
  /** engagement rate ≥ 0 */
  rate: number;
  /** days before "now"; ≥ 0 */
  ageDays: number;
}
export interface ModelPrior {
  /** Expected relative lift per slot (168 numbers, mean ≈ 1): 1.3 = 30 % above the account's average. */
  lift: readonly number[];
  /** Expected mean engagement rate, or null when nothing is known (then rates in the answer are null until observations arrive). */
  level: number | null;
  /** How many posts' worth of confidence `level` carries (pseudo-count). */
  levelWeight: number;
}
export interface SlotEstimate {
  lift: number;
  liftSd: number;
  /** level × lift and its INTERVAL interval; null when the level is unknown. */
  rate: number | null;
  low: number | null;
  high: number | null;
  /** Raw number of observations in this slot. */
  posts: number;
}
export interface FittedModel {
  level: number | null;
  levelSd: number | null;
  posts: number;
  effectivePosts: number;
  sigma: number;
  slots: SlotEstimate[];
}

export function recencyWeight(ageDays: number, halfLifeDays = HALF_LIFE_DAYS): number {
  return 2 ** (-ageDays / halfLifeDays);
}

function check(obs: readonly Observation[], prior: ModelPrior) {
  if (prior.lift.length !== SLOT_COUNT || !prior.lift.every(Number.isFinite)) throw new RangeError(`prior.lift must hold ${SLOT_COUNT} finite numbers`);
  if (prior.level !== null && !(Number.isFinite(prior.level) && prior.level >= 0)) throw new RangeError("prior.level must be a rate ≥ 0 or null");
  if (!(Number.isFinite(prior.levelWeight) && prior.levelWeight >= 0)) throw new RangeError("prior.levelWeight must be ≥ 0");
  for (const o of obs) {
    if (!Number.isInteger(o.weekday) || o.weekday < 0 || o.weekday >= DAYS) throw new RangeError(`weekday must be 0–6, got ${o.weekday}`);
    if (!Number.isInteger(o.hour) || o.hour < 0 || o.hour >= HOURS) throw new RangeError(`hour must be 0–23, got ${o.hour}`);
    if (!(Number.isFinite(o.rate) && o.rate >= 0)) throw new RangeError(`rate must be ≥ 0, got ${o.rate}`);
    if (!(Number.isFinite(o.ageDays) && o.ageDays >= 0)) throw new RangeError(`ageDays must be ≥ 0, got ${o.ageDays}`);
  }
}

const slotPriors = new WeakMap<Readonly<Hyper>, SlotPrior>();
function slotPriorFor(hyper: Readonly<Hyper>): SlotPrior {
  let prior = slotPriors.get(hyper);
  if (!prior) {
    prior = slotPrior(
      hyper.tauDay,
      circularWalkPrecision(HOURS, hyper.tauHourStep, hyper.tauHour),
      circularWalkPrecision(HOURS, hyper.tauSlotStep, hyper.tauSlot),
    );
    slotPriors.set(hyper, prior);
  }
  return prior;
}

export function fitModel(obs: readonly Observation[], prior: ModelPrior): FittedModel {
  return fitModelWith(obs, prior, DEFAULT_HYPER);
}

/** `fitModel` with other hyperparameters: for tests and for exploring them against the benchmark. */
export function fitModelWith(obs: readonly Observation[], prior: ModelPrior, hyper: Readonly<Hyper>): FittedModel {
  check(obs, prior);
  const shape = slotPriorFor(hyper);
  const weights = obs.map((o) => recencyWeight(o.ageDays, hyper.halfLifeDays));
  const effectivePosts = weights.reduce((a, w) => a + w, 0);
  const levelWeight = prior.level === null ? 0 : prior.levelWeight;
  const slotIndex = obs.map((o) => slotOf(o.weekday, o.hour));
  /** Robustness weights: 1 for an ordinary post, less for one the fit finds implausible. */
  const robust = obs.map(() => 1);
  let sigma2 = hyper.sigmaPrior ** 2;

  /** Recency- and robustness-weighted mean rate, shrunk toward the prior's. */
  const levelNow = () => {
    let mass = levelWeight;
    let sum = levelWeight * (prior.level ?? 0);
    obs.forEach((o, i) => {
      mass += weights[i]! * robust[i]!;
      sum += weights[i]! * robust[i]! * o.rate;
    });
    return { level: mass > 0 ? sum / mass : prior.level, mass };
  };
  /** Relative engagement less the prior lift; with no positive level the posts say nothing about timing. */
  const residualsFor = (level: number | null) => obs.map((o, i) => (level !== null && level > 0 ? o.rate / level - prior.lift[slotIndex[i]!]! : 0));

  /** Posterior of f for the current σ and weights. */
  const posterior = (y: readonly number[], allVariances: boolean) => {
    const w = new Float64Array(SLOT_COUNT);
    const wy = new Float64Array(SLOT_COUNT);
    obs.forEach((_, i) => {
      const k = slotIndex[i]!;
      w[k]! += weights[i]! * robust[i]!;
      wy[k]! += weights[i]! * robust[i]! * y[i]!;
    });
    return slotPosterior(
      shape,
      w.map((x) => x / sigma2),
      wy.map((x, k) => (w[k]! > 0 ? x / w[k]! : 0)),
      allVariances,
    );
  };

  for (let round = 0; round < ROUNDS && obs.length > 0; round++) {
    const y = residualsFor(levelNow().level);
    const post = posterior(y, false);
    // σ² from the weighted residuals; each post counts as 1 − its leverage degrees of freedom.
    // Weighted least squares reads an old post as a noisier measurement of today's audience
    // (variance σ² / w): σ is the noise of a post made today, and z below is in that post's own sd.
    let rss = 0;
    let dof = 0;
    obs.forEach((_, i) => {
      const k = slotIndex[i]!;
      const w = weights[i]! * robust[i]!;
      rss += w * (y[i]! - post.mean[k]!) ** 2;
      dof += Math.max(0, 1 - (w * post.variance[k]!) / sigma2);
    });
    sigma2 = (hyper.sigmaPriorWeight * hyper.sigmaPrior ** 2 + rss) / (hyper.sigmaPriorWeight + dof);
    const sigma = Math.sqrt(sigma2);
    obs.forEach((_, i) => {
      const z = (Math.abs(y[i]! - post.mean[slotIndex[i]!]!) * Math.sqrt(weights[i]!)) / sigma;
      robust[i] = Math.min(1, (hyper.tailDf + 1) / (hyper.tailDf + z * z));
    });
  }
  const { level, mass: levelMass } = levelNow();
  const post = posterior(residualsFor(level), true);

  const sigma = Math.sqrt(sigma2);
  const levelSd = level === null ? null : (sigma * level) / Math.sqrt(Math.max(levelMass, 1));
  const counts = new Array<number>(SLOT_COUNT).fill(0);
  for (const k of slotIndex) counts[k]!++;
  const slots = Array.from({ length: SLOT_COUNT }, (_, k): SlotEstimate => {
    const lift = prior.lift[k]! + post.mean[k]!;
    const liftSd = Math.sqrt(post.variance[k]!);
    if (level === null || levelSd === null) return { lift, liftSd, rate: null, low: null, high: null, posts: counts[k]! };
    const rate = Math.max(0, level * lift);
    const sd = Math.sqrt((level * liftSd) ** 2 + (lift * levelSd) ** 2);
    return { lift, liftSd, rate, low: Math.max(0, rate - Z * sd), high: rate + Z * sd, posts: counts[k]! };
  });
  return { level, levelSd, posts: obs.length, effectivePosts, sigma, slots };
}

/** Research baseline → prior: lift 1 + kappa · (weight − mean weight), level unknown. */
export function baselinePrior(platformId: PlatformId, kappa = BASELINE_KAPPA): ModelPrior {
  const weights = new Array<number>(SLOT_COUNT).fill(0);
  for (const w of baselineFor(platformId).windows)
    for (const d of w.weekdays) for (let h = w.fromHour; h < w.toHour; h++) weights[slotOf(d, h)] = Math.max(weights[slotOf(d, h)]!, w.weight);
  const mean = weights.reduce((a, w) => a + w, 0) / SLOT_COUNT;
  return { lift: weights.map((w) => 1 + kappa * (w - mean)), level: null, levelWeight: 0 };
}

/** A fitted model as the prior of a narrower one; its level counts at most PRIOR_LEVEL_WEIGHT posts. */
export function priorFrom(model: FittedModel): ModelPrior {
  return {
    lift: model.slots.map((s) => s.lift),
    level: model.level,
    levelWeight: model.level === null ? 0 : Math.min(model.effectivePosts, PRIOR_LEVEL_WEIGHT),
  };
}

/** The best k slots by expected lift; lifts equal to 1e-9 tie, and ties go to the lower slot. */
export function topSlots(model: FittedModel, k: number): number[] {
  const key = model.slots.map((s) => Math.round(s.lift * 1e9));
  return model.slots
    .map((_, i) => i)
    .sort((a, b) => key[b]! - key[a]! || a - b)
    .slice(0, Math.max(0, Math.floor(k)));
}

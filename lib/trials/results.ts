/**
 * A trial's results from its posts, as a pure function (no database, no clock of its own):
 *
 * - per arm: posts assigned, posts measured, the mean of the metric over the measured ones, and a
 *   95 % confidence interval, mean ± t(0.975, n − 1) · s / √n (Student's t, so small arms get the
 *   wide interval they deserve; none below 2 measured posts);
 * - the probability that each arm is the best (highest mean). Each arm's mean gets a normal
 *   posterior: a weak normal prior centred on the mean of every measured post, worth 0.1 of a post
 *   (PRIOR_POSTS), and a noise variance that is the arm's own sample variance pulled toward the
 *   pooled one by one pseudo-post (so an arm of 1 or 2 posts is not judged on a variance of 0).
 *   With 2 arms the probability is exact (the difference of two normals); with more it is a Monte
 *   Carlo estimate over DRAWS draws from a generator with a fixed seed, so a read gives the same
 *   numbers every time;
 * - the verdict, only once the stop rule is met (every arm has its posts measured, or the end date
 *   passed): the arm whose P(best) ≥ 0.95 wins, otherwise "no clear difference".
 */
import { normalCdf, tQuantile } from "./stats";
import { normalSource, seededRandom } from "../random";

export const WIN_PROBABILITY = 0.95;
const PRIOR_POSTS = 0.1;
const DRAWS = 20_000;
const SEED = 0x7a1a1;

export interface TrialPost {
  arm: string;
  /** A post that still counts for its arm: not cancelled, skipped or expired. */
  counted: boolean;
  /** The metric of its +24 h result, or null while unmeasured (or when the platform gave none). */
  value: number | null;
}

export interface ResultsInput {
  arms: { key: string; name: string }[];
  posts: TrialPost[];
  stopPostsPerArm: number | null;
  stopAt: Date | null;
  now: Date;
}

export interface ArmResult {
  key: string;
  name: string;
  assigned: number;
  measured: number;
  mean: number | null;
  sd: number | null;
  ci_low: number | null;
  ci_high: number | null;
  p_best: number | null;
}

export type Verdict = { outcome: "winner"; arm: string } | { outcome: "no_clear_difference"; arm: null };

export interface TrialResults {
  arms: ArmResult[];
  /** How P(best) was found: exactly (2 arms) or by seeded Monte Carlo; null when there is no data. */
  method: "exact" | "monte_carlo" | null;
  stop: {
    met: boolean;
    /** Which part of the rule ended it: every arm measured ("posts") or the end date ("date"). */
    reason: "posts" | "date" | null;
    posts_per_arm: number | null;
    /** The fewest measured posts of any arm: the progress toward posts_per_arm. */
    min_measured: number;
    stop_at: string | null;
  };
  verdict: Verdict | null;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function describe(values: number[]) {
  const n = values.length;
  if (!n) return { n, mean: null, variance: null };
  const mean = sum(values) / n;
  const variance = n > 1 ? sum(values.map((v) => (v - mean) ** 2)) / (n - 1) : null;
  return { n, mean, variance };
}

/** A 95 % t interval around the mean; null below 2 values. */
export function confidenceInterval(values: number[]): { mean: number; low: number; high: number } | null {
  const d = describe(values);
  if (d.n < 2 || d.mean === null || d.variance === null) return null;
  const half = tQuantile(0.975, d.n - 1) * Math.sqrt(d.variance / d.n);
  return { mean: d.mean, low: d.mean - half, high: d.mean + half };
}

interface Posterior {
  mean: number;
  variance: number;
}

/** Each arm's posterior for its mean; null when fewer than 2 posts are measured in all. */
export function posteriors(groups: number[][]): Posterior[] | null {
  const all = groups.flat();
  if (all.length < 2) return null;
  const pooled = describe(all);
  // With every value equal there is no spread to learn from: assume a coefficient of variation of 1.
  const noise0 = pooled.variance && pooled.variance > 0 ? pooled.variance : Math.max(Math.abs(pooled.mean!), 1e-9) ** 2;
  const priorVariance = noise0 / PRIOR_POSTS;
  return groups.map((values) => {
    const d = describe(values);
    if (!d.n) return { mean: pooled.mean!, variance: priorVariance };
    const noise = (noise0 + (d.n - 1) * (d.variance ?? 0)) / d.n;
    const precision = 1 / priorVariance + d.n / noise;
    return { mean: (pooled.mean! / priorVariance + (d.n * d.mean!) / noise) / precision, variance: 1 / precision };
  });
}

/** P(arm k has the highest mean) under independent normal posteriors. */
export function probabilityBest(post: Posterior[]): { p: number[]; method: "exact" | "monte_carlo" } {
  if (post.length === 2) {
    const [a, b] = post as [Posterior, Posterior];
    const pa = normalCdf((a.mean - b.mean) / Math.sqrt(a.variance + b.variance));
    return { p: [pa, 1 - pa], method: "exact" };
  }
  const normal = normalSource(seededRandom(SEED));
  const sds = post.map((x) => Math.sqrt(x.variance));
  const wins = post.map(() => 0);
  for (let i = 0; i < DRAWS; i++) {
    let best = 0;
    let top = -Infinity;
    post.forEach((x, k) => {
      const draw = x.mean + sds[k]! * normal();
      if (draw > top) {
        top = draw;
        best = k;
      }
    });
    wins[best]!++;
  }
  return { p: wins.map((w) => w / DRAWS), method: "monte_carlo" };
}

export function trialResults(input: ResultsInput): TrialResults {
  const groups = input.arms.map((arm) => {
    const mine = input.posts.filter((p) => p.arm === arm.key && p.counted);
    return { arm, assigned: mine.length, values: mine.map((p) => p.value).filter((v): v is number => v !== null && Number.isFinite(v)) };
  });
  const post = posteriors(groups.map((g) => g.values));
  const best = post ? probabilityBest(post) : null;
  const arms: ArmResult[] = groups.map((g, k) => {
    const d = describe(g.values);
    const ci = confidenceInterval(g.values);
    return {
      key: g.arm.key,
      name: g.arm.name,
      assigned: g.assigned,
      measured: g.values.length,
      mean: d.mean,
      sd: d.variance === null ? null : Math.sqrt(d.variance),
      ci_low: ci?.low ?? null,
      ci_high: ci?.high ?? null,
      p_best: best ? best.p[k]! : null,
    };
  });
  const minMeasured = Math.min(...arms.map((a) => a.measured));
  const byPosts = input.stopPostsPerArm !== null && minMeasured >= input.stopPostsPerArm;
  const byDate = input.stopAt !== null && input.now.getTime() >= input.stopAt.getTime();
  const met = byPosts || byDate;
  let verdict: Verdict | null = null;
  if (met) {
    const winner = arms.find((a) => a.p_best !== null && a.p_best >= WIN_PROBABILITY);
    verdict = winner ? { outcome: "winner", arm: winner.key } : { outcome: "no_clear_difference", arm: null };
  }
  return {
    arms,
    method: best?.method ?? null,
    stop: {
      met,
      reason: byPosts ? "posts" : byDate ? "date" : null,
      posts_per_arm: input.stopPostsPerArm,
      min_measured: minMeasured,
      stop_at: input.stopAt?.toISOString() ?? null,
    },
    verdict,
  };
}

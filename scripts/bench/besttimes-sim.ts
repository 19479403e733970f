/**
 * The simulated audiences of `npm run bench:besttimes` (scripts/bench/besttimes.ts says what is
 * measured; docs/best-times.md how to read it).
 *
 * An audience shape is a family of accounts: each account draws its parameters (peak weekday,
 * peak hour, …) uniformly from the shape's finite list, which fixes its true expected engagement
 * rate g(weekday, hour). Because the lists are finite, an "oracle" that knows the family (but not
 * which member an account is) can weigh every member against the account's history: the ceiling
 * that no method learning from the same posts can beat by much.
 */
import { seededRandom } from "../../lib/random";
import { SLOT_COUNT, type Observation } from "../../lib/besttimes/model";

export const POSTS_PER_WEEK = 4;
export const BASE_RATE = 0.03;
/** Per-post noise: log-normal content quality (σ, mean 1) and the share of viral posts (× 3–6). */
export interface Noise {
  qualitySd: number;
  viralShare: number;
}
export const NOISE: Noise = { qualitySd: 0.4, viralShare: 0.02 };
/** A cleaner world, to show how the model behaves when the signal is stronger. */
export const LOW_NOISE: Noise = { qualitySd: 0.2, viralShare: 0 };

/** Small, fast, seeded. */
export const rng = seededRandom;
export type Rng = () => number;
const normal = (r: Rng) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
function poisson(r: Rng, lambda: number): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(r)));
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let p = r(); p > limit; p *= r()) k++;
  return k;
}

/** People sleep: engagement is lower at night whatever the audience. */
const awake = (h: number) => (h >= 7 && h <= 21 ? 1 : h === 6 || h === 22 ? 0.6 : 0.35);
/** A peak around `center` on the clock, 1 at the centre, with sd `width` hours. */
const bump = (h: number, center: number, width: number) => {
  const d = Math.min(Math.abs(h - center), 24 - Math.abs(h - center));
  return Math.exp(-(d * d) / (2 * width * width));
};
/** Weekday factor: `best` gets `top`, the other weekdays 1, Saturday and Sunday `weekend`. */
const day = (d: number, best: number, top: number, weekend: number) => (d === best ? top : d === 0 || d === 6 ? weekend : 1);
/** Every combination of the given choices. */
function grid<T extends Record<string, readonly number[]>>(choices: T): { [K in keyof T]: number }[] {
  return Object.entries(choices).reduce<Record<string, number>[]>((acc, [k, vs]) => acc.flatMap((a) => vs.map((v) => ({ ...a, [k]: v }))), [{}]) as never;
}

/** g(weekday, hour) of one account; `recent` = in the newer half of the history (the shifting shape). */
export type Truth = (d: number, h: number, recent: boolean) => number;

export interface Shape {
  name: string;
  /** Where its peak lies, against LinkedIn's research window (Tue–Thu 08:00–14:00). */
  note: string;
  /** The accounts of the family, equally likely. */
  members: Truth[];
}

const WEEKDAYS = [1, 2, 3, 4, 5];

export const SHAPES: Shape[] = [
  {
    name: "sharp peak",
    note: "one weekday ×1.3, one hour 16–20 ×2 (1 h wide); research misses it",
    members: grid({ best: WEEKDAYS, hour: [16, 17, 18, 19, 20] }).map((p) => (d, h) => day(d, p.best, 1.3, 0.8) * awake(h) * (1 + bump(h, p.hour, 1))),
  },
  {
    name: "two peaks",
    note: "07–09 h and 19–21 h, either one higher; one weekday ×1.2",
    members: grid({ best: WEEKDAYS, am: [7, 8, 9], pm: [19, 20, 21], morningFirst: [0, 1] }).map((p) => {
      const [morning, evening] = p.morningFirst ? [0.8, 0.6] : [0.6, 0.8];
      return (d, h) => day(d, p.best, 1.2, 0.85) * awake(h) * (1 + morning * bump(h, p.am, 1.2) + evening * bump(h, p.pm, 1.2));
    }),
  },
  {
    name: "flat",
    note: "every waking hour alike; best = any of them",
    members: [(_d, h) => awake(h)],
  },
  {
    name: "weekend-heavy",
    note: "Sat/Sun ×1.35–1.5, late morning 10–13 h; research misses it",
    members: grid({ saturdayFirst: [0, 1], hour: [10, 11, 12, 13] }).map((p) => {
      const [sat, sun] = p.saturdayFirst ? [1.5, 1.35] : [1.35, 1.5];
      return (d, h) => awake(h) * (d === 6 || d === 0 ? (d === 6 ? sat : sun) * (1 + 0.6 * bump(h, p.hour, 2)) : 0.9 * (1 + 0.3 * bump(h, 19, 1.5)));
    }),
  },
  {
    name: "shifting",
    note: "peak 08–10 h moves to 18–20 h halfway; one weekday ×1.2",
    members: grid({ best: WEEKDAYS, before: [8, 9, 10], after: [18, 19, 20] }).map(
      (p) => (d, h, recent) => day(d, p.best, 1.2, 0.8) * awake(h) * (1 + 0.8 * bump(h, recent ? p.after : p.before, 1.2)),
    ),
  },
  {
    name: "office hours",
    note: "Tue–Thu 09–12 h, one of them ×1.2; inside the research window",
    members: grid({ best: [2, 3, 4], hour: [9, 10, 11, 12] }).map(
      (p) => (d, h) => (d === p.best ? 1.2 : d >= 2 && d <= 4 ? 1.1 : d === 1 || d === 5 ? 1 : 0.6) * awake(h) * (1 + 0.5 * bump(h, p.hour, 2)),
    ),
  },
];

/** A simulated post: what the model sees, plus whether it fell in the newer half of the history. */
export interface SimPost extends Observation {
  recent: boolean;
}

/**
 * N posts of one account. About POSTS_PER_WEEK a week, so they span N·7/4 days; each on a uniformly
 * drawn day of that span at a uniformly drawn time 07:00–22:00. Rate = engagements / impressions,
 * impressions log-uniform 300–5,000, engagements ~ Poisson(impressions · BASE_RATE · g · quality),
 * quality log-normal (σ 0.4, mean 1) with 2 % of posts viral (× 3–6) unless `noise` says otherwise.
 */
export function history(r: Rng, truth: Truth, n: number, noise: Noise = NOISE): SimPost[] {
  const span = Math.ceil((n * 7) / POSTS_PER_WEEK);
  const todayWeekday = Math.floor(r() * 7);
  const posts: SimPost[] = [];
  for (let i = 0; i < n; i++) {
    const daysAgo = Math.floor(r() * span);
    const hour = 7 + Math.floor(r() * 15);
    const weekday = (((todayWeekday - daysAgo) % 7) + 7) % 7;
    const recent = daysAgo < span / 2;
    const impressions = Math.round(Math.exp(Math.log(300) + r() * Math.log(5000 / 300)));
    const quality = Math.exp(noise.qualitySd * normal(r) - noise.qualitySd ** 2 / 2) * (r() < noise.viralShare ? 3 + 3 * r() : 1);
    const rate = Math.min(1, poisson(r, impressions * BASE_RATE * truth(weekday, hour, recent) * quality) / impressions);
    // Posted at a random minute of that hour; ages count from the end of today.
    posts.push({ weekday, hour, rate, ageDays: daysAgo + 1 - (hour + r()) / 24, recent });
  }
  return posts;
}

/** The account's engagement "now", per slot. */
export const nowRates = (truth: Truth) => Array.from({ length: SLOT_COUNT }, (_, s) => truth(Math.floor(s / 24), s % 24, true));

/**
 * The oracle: knows the family, the base rate and the noise's size, not the member. Scores each
 * member by a Student-t likelihood of the log rates (robust to viral posts), then answers its top 3
 * by posterior probability of being a best slot and its top slot by least expected regret.
 */
export function oracle(shape: Shape, posts: readonly SimPost[]): { top3: number[]; top: number } {
  const scale = 0.5;
  const logp = shape.members.map((truth) =>
    posts.reduce((a, p) => {
      const z = (Math.log(p.rate + 0.003) - Math.log(BASE_RATE * truth(p.weekday, p.hour, p.recent) + 0.003)) / scale;
      return a - 2.5 * Math.log(1 + (z * z) / 4);
    }, 0),
  );
  const top = Math.max(...logp);
  const weight = logp.map((l) => Math.exp(l - top));
  const total = weight.reduce((a, w) => a + w, 0);
  const pBest = new Array<number>(SLOT_COUNT).fill(0);
  const expectedRegret = new Array<number>(SLOT_COUNT).fill(0);
  shape.members.forEach((truth, m) => {
    const g = nowRates(truth);
    const max = Math.max(...g);
    for (let s = 0; s < SLOT_COUNT; s++) {
      if (g[s]! >= 0.99 * max) pBest[s]! += weight[m]! / total;
      expectedRegret[s]! += ((weight[m]! / total) * (max - g[s]!)) / max;
    }
  });
  const order = (score: number[], dir: 1 | -1) =>
    score
      .map((_, i) => i)
      .sort((a, b) => dir * (score[b]! - score[a]!) || a - b)
      .slice(0, 3);
  return { top3: order(pBest, 1), top: order(expectedRegret, -1)[0]! };
}

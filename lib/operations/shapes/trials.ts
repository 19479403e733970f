import { z } from "zod";
import { TRIAL_ALLOCATIONS, TRIAL_METRICS, TRIAL_STATUSES, TRIAL_STRATEGIES } from "@/lib/validation/trials";
import type { TrialView } from "@/lib/trials/manage";
import type { Adopted } from "@/lib/trials/adopt";
import { armsOf } from "@/lib/trials/arms";
import { id, iso, ts, tsN } from "./common";

const weeklySlot = z.object({ days: z.array(z.number().int()).describe("0 = Sunday … 6 = Saturday"), times: z.array(z.string()).describe("HH:mm") });
const num = z.number().nullable();

export const trialResults = z.object({
  arms: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      assigned: z.number().int().describe("posts dealt to the arm that still count (not cancelled, skipped or expired)"),
      measured: z.number().int().describe("of those, posts with a +24 h result for the metric"),
      mean: num.describe("mean of the metric over the measured posts"),
      sd: num.describe("sample standard deviation; null below 2 measured posts"),
      ci_low: num.describe("95 % confidence interval (Student's t); null below 2 measured posts"),
      ci_high: num,
      p_best: num.describe("probability that this arm has the highest mean (normal posteriors, weak prior)"),
    }),
  ),
  method: z.enum(["exact", "monte_carlo"]).nullable().describe("exact for 2 arms; a seeded Monte Carlo estimate for more; null without data"),
  stop: z.object({
    met: z.boolean(),
    reason: z.enum(["posts", "date"]).nullable(),
    posts_per_arm: z.number().int().nullable(),
    min_measured: z.number().int().describe("the fewest measured posts of any arm"),
    stop_at: tsN,
  }),
  verdict: z
    .object({ outcome: z.enum(["winner", "no_clear_difference"]), arm: z.string().nullable() })
    .nullable()
    .describe("once the stop rule is met: the arm with P(best) ≥ 0.95, or no clear difference"),
});

export const trial = z.object({
  id,
  name: z.string(),
  hypothesis: z.string().nullable(),
  status: z.enum(TRIAL_STATUSES),
  platform_account_id: id.nullable(),
  platform_id: z.string().nullable(),
  accounts: z.array(z.object({ id, name: z.string(), platform: z.string() })).describe("the accounts it runs on"),
  metric: z.enum(TRIAL_METRICS),
  allocation: z.enum(TRIAL_ALLOCATIONS),
  timezone: z.string(),
  arms: z.array(z.object({ key: z.string(), name: z.string(), strategy: z.enum(TRIAL_STRATEGIES), slots: z.array(weeklySlot).nullable() })),
  stop_posts_per_arm: z.number().int().nullable(),
  stop_at: tsN,
  results: trialResults.describe("live while running; as they stood when it ended otherwise"),
  adopted_arm: z.string().nullable(),
  adopted_at: tsN,
  created_at: ts,
  ended_at: tsN,
});

export const trialAdopted = trial.extend({
  adopted: z.array(z.object({ platform_account_id: id, timezone: z.string(), slots: z.array(weeklySlot) })).describe("the posting slots now set"),
});

export function trialOut(v: TrialView): z.output<typeof trial> {
  const t = v.trial;
  const r = v.results;
  return {
    id: t.id,
    name: t.name,
    hypothesis: t.hypothesis,
    status: t.status as z.output<typeof trial>["status"],
    platform_account_id: t.platformAccountId,
    platform_id: t.platformId,
    accounts: v.accounts,
    metric: t.metric as z.output<typeof trial>["metric"],
    allocation: t.allocation as z.output<typeof trial>["allocation"],
    timezone: t.timezone,
    arms: armsOf(t.arms).map((a) => ({ key: a.key, name: a.name, strategy: a.strategy, slots: a.slots ?? null })),
    stop_posts_per_arm: t.stopPostsPerArm,
    stop_at: iso(t.stopAt),
    results: {
      arms: r.arms.map((a) => ({
        key: a.key,
        name: a.name,
        assigned: a.assigned,
        measured: a.measured,
        mean: a.mean,
        sd: a.sd,
        ci_low: a.ci_low,
        ci_high: a.ci_high,
        p_best: a.p_best,
      })),
      method: r.method,
      stop: { met: r.stop.met, reason: r.stop.reason, posts_per_arm: r.stop.posts_per_arm, min_measured: r.stop.min_measured, stop_at: r.stop.stop_at },
      verdict: r.verdict ? { outcome: r.verdict.outcome, arm: r.verdict.arm } : null,
    },
    adopted_arm: t.adoptedArm,
    adopted_at: iso(t.adoptedAt),
    created_at: iso(t.createdAt),
    ended_at: iso(t.endedAt),
  };
}

export function trialAdoptedOut(v: TrialView & { adopted: Adopted[] }): z.output<typeof trialAdopted> {
  return { ...trialOut(v), adopted: v.adopted.map((a) => ({ platform_account_id: a.platform_account_id, timezone: a.timezone, slots: a.slots })) };
}

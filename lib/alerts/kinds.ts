/**
 * The kinds of alert rule: each one's parameters (zod, shared by the API, the server actions and
 * the settings form), what it means in words, and the recommended set a new workspace starts
 * with. Plain data and pure functions, safe in the browser.
 */
import { z } from "zod";
import { ALERT_RULE_KINDS } from "@/db/schema/values";
import { PLATFORMS } from "@/adapters/types";
import { platformName } from "@/adapters/registry";

export { ALERT_RULE_KINDS };
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];

/**
 * Hysteresis: a firing alert about a value over (or under) a threshold counts as clear only once
 * the value is back by this share of the threshold (a 10 % failure-rate alert clears at 8 %), and
 * then only after the rule's resolve_after_minutes of staying clear.
 */
export const HYSTERESIS = 0.2;

const int = (what: string, min: number, max: number, fallback: number) =>
  z
    .number({ message: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`)
    .default(fallback);
const percent = (what: string, fallback: number) =>
  z
    .number({ message: `${what} must be a number` })
    .gt(0, `${what} must be more than 0`)
    .max(100, `${what} must be at most 100`)
    .default(fallback);

export const ALERT_PARAMS = {
  failure_rate: z
    .object({
      over_percent: percent("over_percent", 10),
      window_minutes: int("window_minutes", 1, 1440, 15),
      min_attempts: int("min_attempts", 1, 10_000, 5),
    })
    .strict(),
  platform_down: z
    .object({
      window_minutes: int("window_minutes", 5, 1440, 30),
      min_attempts: int("min_attempts", 1, 1000, 3),
    })
    .strict(),
  queue_lag: z.object({ over_seconds: int("over_seconds", 10, 86_400, 120) }).strict(),
  no_runner: z
    .object({
      min_runners: int("min_runners", 1, 100, 1),
      stale_seconds: int("stale_seconds", 10, 3600, 60),
    })
    .strict(),
  account_reconnect: z.object({ include_errors: z.boolean({ message: "include_errors must be true or false" }).default(false) }).strict(),
  engagement_low: z
    .object({
      below_percent: percent("below_percent", 1),
      period_hours: int("period_hours", 1, 720, 24),
      min_posts: int("min_posts", 1, 10_000, 5),
      platform: z.enum(PLATFORMS, { message: `platform must be one of ${PLATFORMS.join(", ")}` }).optional(),
    })
    .strict(),
} as const satisfies Record<AlertRuleKind, z.ZodType>;

export type AlertParams = { [K in AlertRuleKind]: z.output<(typeof ALERT_PARAMS)[K]> };
export type AnyAlertParams = AlertParams[AlertRuleKind];

export const KIND_LABELS: Record<AlertRuleKind, { label: string; hint: string }> = {
  failure_rate: { label: "Publishing failure rate", hint: "Share of publish attempts that failed in a recent window, once there are enough to judge." },
  platform_down: { label: "Platform failing", hint: "Every publish attempt on one platform failed for a while: no success at all." },
  queue_lag: { label: "Queue lag", hint: "A post that is due has waited too long for a runner to publish it." },
  no_runner: { label: "Job runners", hint: "Fewer job runners with a recent heartbeat than expected (the whole server, not only this workspace)." },
  account_reconnect: {
    label: "Account needs reconnecting",
    hint: "A platform account's credentials stopped working; nothing publishes to it until an admin reconnects it.",
  },
  engagement_low: { label: "Low engagement", hint: "Mean engagement rate of the posts measured on a platform over a period, below a threshold." },
};

/** The settings form's fields for each kind, in order (numbers, or a yes/no). */
export interface ParamField {
  key: string;
  label: string;
  unit?: string;
  type: "number" | "boolean" | "platform";
  min?: number;
  max?: number;
  step?: number;
}
export const PARAM_FIELDS: Record<AlertRuleKind, ParamField[]> = {
  failure_rate: [
    { key: "over_percent", label: "Failure rate over", unit: "%", type: "number", min: 0.1, max: 100, step: 0.1 },
    { key: "window_minutes", label: "In the last", unit: "minutes", type: "number", min: 1, max: 1440 },
    { key: "min_attempts", label: "At least this many attempts", type: "number", min: 1, max: 10_000 },
  ],
  platform_down: [
    { key: "window_minutes", label: "Every attempt failed for", unit: "minutes", type: "number", min: 5, max: 1440 },
    { key: "min_attempts", label: "At least this many attempts", type: "number", min: 1, max: 1000 },
  ],
  queue_lag: [{ key: "over_seconds", label: "A due post waited more than", unit: "seconds", type: "number", min: 10, max: 86_400 }],
  no_runner: [
    { key: "min_runners", label: "Fewer live runners than", type: "number", min: 1, max: 100 },
    { key: "stale_seconds", label: "Live means a heartbeat within", unit: "seconds", type: "number", min: 10, max: 3600 },
  ],
  account_reconnect: [{ key: "include_errors", label: "Also accounts in error", type: "boolean" }],
  engagement_low: [
    { key: "below_percent", label: "Mean engagement below", unit: "%", type: "number", min: 0.01, max: 100, step: 0.01 },
    { key: "period_hours", label: "Over the last", unit: "hours", type: "number", min: 1, max: 720 },
    { key: "min_posts", label: "At least this many posts measured", type: "number", min: 1, max: 10_000 },
    { key: "platform", label: "Only on", type: "platform" },
  ],
};

/** Parses a kind's parameters; the error names each bad field (`params.<field>`). */
export function parseParams<K extends AlertRuleKind>(kind: K, raw: unknown) {
  return ALERT_PARAMS[kind].safeParse(raw ?? {}) as z.ZodSafeParseResult<AlertParams[K]>;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const minutes = (m: number) => (m % 60 === 0 && m >= 60 ? plural(m / 60, "hour") : plural(m, "minute"));
export const seconds = (s: number) =>
  s >= 120 && s % 60 === 0 ? minutes(s / 60) : s >= 120 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : plural(Math.round(s), "second");
const pct = (v: number) => `${Number(v.toFixed(v < 1 ? 2 : 1))} %`;

/** A rule in one sentence, for the settings list and the alert's message. */
export function describeRule(kind: AlertRuleKind, p: AnyAlertParams): string {
  switch (kind) {
    case "failure_rate": {
      const q = p as AlertParams["failure_rate"];
      return `More than ${pct(q.over_percent)} of publish attempts failed in ${minutes(q.window_minutes)} (at least ${plural(q.min_attempts, "attempt")})`;
    }
    case "platform_down": {
      const q = p as AlertParams["platform_down"];
      return `Every publish attempt on a platform failed for ${minutes(q.window_minutes)} (at least ${plural(q.min_attempts, "attempt")})`;
    }
    case "queue_lag":
      return `A due post waited more than ${seconds((p as AlertParams["queue_lag"]).over_seconds)} to be published`;
    case "no_runner": {
      const q = p as AlertParams["no_runner"];
      const alive = `heartbeat within ${seconds(q.stale_seconds)}`;
      return q.min_runners === 1 ? `No job runner alive (${alive})` : `Fewer than ${q.min_runners} job runners alive (${alive})`;
    }
    case "account_reconnect":
      return (p as AlertParams["account_reconnect"]).include_errors ? "An account needs reconnecting or is in error" : "An account needs reconnecting";
    case "engagement_low": {
      const q = p as AlertParams["engagement_low"];
      const where = q.platform ? `on ${platformName(q.platform)}` : "on a platform";
      return `Mean engagement ${where} below ${pct(q.below_percent)} over ${minutes(q.period_hours * 60)} (at least ${plural(q.min_posts, "post")} measured)`;
    }
  }
}

/** What an alert says when it fires: the measured value against the rule. */
export function incidentMessage(kind: AlertRuleKind, p: AnyAlertParams, o: { value: number; label: string | null; extra?: Record<string, unknown> }): string {
  const n = (k: string) => Number(o.extra?.[k] ?? 0);
  switch (kind) {
    case "failure_rate": {
      const q = p as AlertParams["failure_rate"];
      return `${pct(o.value)} of ${plural(n("attempts"), "publish attempt")} failed in the last ${minutes(q.window_minutes)} (alert over ${pct(q.over_percent)})`;
    }
    case "platform_down":
      return `Every one of ${plural(n("failures"), "publish attempt")} on ${o.label} failed in the last ${minutes((p as AlertParams["platform_down"]).window_minutes)}`;
    case "queue_lag":
      return `The oldest due post has waited ${seconds(o.value)} (alert over ${seconds((p as AlertParams["queue_lag"]).over_seconds)})`;
    case "no_runner": {
      const q = p as AlertParams["no_runner"];
      return `${plural(o.value, "job runner")} alive, at least ${q.min_runners} expected`;
    }
    case "account_reconnect": {
      const reason = typeof o.extra?.reason === "string" && o.extra.reason ? `: ${o.extra.reason}` : "";
      return `${o.label ?? "An account"} ${o.extra?.status === "error" ? "is in error" : "needs reconnecting"}${reason}`;
    }
    case "engagement_low": {
      const q = p as AlertParams["engagement_low"];
      return `Mean engagement on ${o.label} was ${pct(o.value)} over ${minutes(q.period_hours * 60)} across ${plural(n("posts"), "post")} (alert below ${pct(q.below_percent)})`;
    }
  }
}

export interface RuleDefaults {
  kind: AlertRuleKind;
  params: AnyAlertParams;
  enabled: boolean;
  forMinutes: number;
  resolveAfterMinutes: number;
}

/**
 * What a new workspace starts with (and "Add recommended rules" adds where a kind is missing): the
 * thresholds of ops/prometheus/alerts.yml. An account needing reconnection already notifies admins
 * at once, so its alert is the escalation an hour later. Engagement depends on the audience: its
 * rule is there to adjust, and off until someone sets a threshold that means something.
 */
export const RECOMMENDED_RULES: readonly RuleDefaults[] = [
  { kind: "failure_rate", params: ALERT_PARAMS.failure_rate.parse({}), enabled: true, forMinutes: 5, resolveAfterMinutes: 10 },
  { kind: "platform_down", params: ALERT_PARAMS.platform_down.parse({}), enabled: true, forMinutes: 0, resolveAfterMinutes: 5 },
  { kind: "queue_lag", params: ALERT_PARAMS.queue_lag.parse({}), enabled: true, forMinutes: 5, resolveAfterMinutes: 5 },
  { kind: "no_runner", params: ALERT_PARAMS.no_runner.parse({}), enabled: true, forMinutes: 2, resolveAfterMinutes: 2 },
  { kind: "account_reconnect", params: ALERT_PARAMS.account_reconnect.parse({}), enabled: true, forMinutes: 60, resolveAfterMinutes: 0 },
  { kind: "engagement_low", params: ALERT_PARAMS.engagement_low.parse({}), enabled: false, forMinutes: 360, resolveAfterMinutes: 60 },
];

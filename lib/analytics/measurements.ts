/**
 * The pure half of analytics collection: when a published post is measured, what its numbers
 * mean, and which hour of the week it counts for. No database, no network (collect.ts applies
 * these).
 *
 * Checkpoints: every published post is measured at +1 h, +24 h and +7 d after `published_at`.
 * Which ones are done is recorded on the schedule, `metadata.analytics`:
 *
 *   { "1h":  { "measured_at": "<iso>", "analytics_id": "<content_analytics id>", "covers": ["1h"] },
 *     "24h": { "measured_at": "<iso>", "analytics_id": null, "covers": ["24h"], "error": "permanent: …" } }
 *
 * `covers` lists every checkpoint that one measurement stood for: a late run (runner down for a
 * day) measures once and marks all overdue checkpoints with the same row, e.g.
 * `["1h", "24h"]`, so nobody mistakes it for two separate readings.
 */
import type { PostMetrics } from "@/adapters/adapter";
import { HOUR_MS, DAY_MS, isValidTimeZone, utcToLocal, weekdayOf } from "../time";

export const CHECKPOINT_LABELS = ["1h", "24h", "7d"] as const;
export type CheckpointLabel = (typeof CHECKPOINT_LABELS)[number];

export interface Checkpoint {
  label: CheckpointLabel;
  /** After `published_at`. */
  offsetMs: number;
}

/** Ascending by offset; collect.ts and the claim query both read this one list. */
export const CHECKPOINTS: readonly Checkpoint[] = [
  { label: "1h", offsetMs: HOUR_MS },
  { label: "24h", offsetMs: DAY_MS },
  { label: "7d", offsetMs: 7 * DAY_MS },
];

/**
 * Posts published longer ago than this are no longer measured: a "+7 d" reading taken a month
 * late says nothing about the seventh day, and the scan stays bounded after a long outage.
 */
export const MEASURE_HORIZON_MS = 30 * DAY_MS;

/**
 * The best-time model learns from the +24 h reading only (engagement_observations, one per post):
 * taken when most of a post's engagement has arrived but before the long tail blurs the hour it
 * went out at. A late run whose one measurement covers "24h" counts too (once).
 */
export const BEST_TIME_CHECKPOINT: CheckpointLabel = "24h";

export interface CheckpointEntry {
  measured_at: string;
  /** The content_analytics row; null when the measurement failed for good. */
  analytics_id: string | null;
  /** Every checkpoint this one measurement stood for (more than one after a late run). */
  covers: CheckpointLabel[];
  /** Set when the platform refused for good (post deleted …): done, not retried. */
  error?: string;
}

export type AnalyticsState = Partial<Record<CheckpointLabel, CheckpointEntry>>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The checkpoints already done, from a schedule's `metadata`. Tolerant: anything present under a
 * label counts as done (a bare ISO string as well as an entry), junk elsewhere is ignored.
 */
export function doneCheckpoints(metadata: unknown): Set<CheckpointLabel> {
  const done = new Set<CheckpointLabel>();
  const state = isRecord(metadata) ? metadata.analytics : undefined;
  if (!isRecord(state)) return done;
  for (const label of CHECKPOINT_LABELS) {
    const v = state[label];
    if (v !== undefined && v !== null && v !== false) done.add(label);
  }
  return done;
}

/**
 * Checkpoints due at `now` and not done yet, in order. Empty before +1 h, after every checkpoint
 * is done, and for posts past the horizon.
 */
export function dueCheckpoints(publishedAt: Date, done: ReadonlySet<CheckpointLabel>, now: Date): CheckpointLabel[] {
  const age = now.getTime() - publishedAt.getTime();
  if (!Number.isFinite(age) || age > MEASURE_HORIZON_MS) return [];
  return CHECKPOINTS.filter((c) => age >= c.offsetMs && !done.has(c.label)).map((c) => c.label);
}

/** The adapter's counts without its raw payload: what content_analytics stores. */
export type Counts = Omit<PostMetrics, "raw" | "followers">;

const INT_MAX = 2_147_483_647;
/** A count as the integer columns store it: finite, whole, 0 … 2^31−1 (anything else → 0). */
export function toCount(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? Math.min(Math.round(v), INT_MAX) : 0;
}

/** Adapter metrics cleaned for storage (NaN, negatives, fractions and overflow can't reach SQL). */
export function normalizeMetrics(m: Partial<PostMetrics>): Counts {
  return {
    likes: toCount(m.likes),
    shares: toCount(m.shares),
    comments: toCount(m.comments),
    clicks: toCount(m.clicks),
    impressions: toCount(m.impressions),
    reach: toCount(m.reach),
  };
}

/** What a rate was divided by; null when the platform reported no audience figure. */
export function audienceOf(m: Partial<PostMetrics>): { basis: "impressions" | "reach"; size: number } | null {
  const c = normalizeMetrics(m);
  if (c.impressions > 0) return { basis: "impressions", size: c.impressions };
  if (c.reach > 0) return { basis: "reach", size: c.reach };
  return null;
}

/**
 * engagement_rate = (likes + shares + comments + clicks) / impressions.
 *
 * - Falls back to reach when the platform reports no impressions but does report reach.
 * - 0 when it reports neither (Mastodon, Bluesky, LinkedIn, WordPress, webhook, Medium): a rate
 *   needs an audience, and counting interactions instead would put a different unit in the same
 *   column. The raw counts stay in the row.
 * - Not capped at 1: one person can like, share and reply.
 */
export function engagementRate(m: Partial<PostMetrics>): number {
  const audience = audienceOf(m);
  if (!audience) return 0;
  const c = normalizeMetrics(m);
  return (c.likes + c.shares + c.comments + c.clicks) / audience.size;
}

/**
 * The rate the best-time model learns from, and what it was divided by: interactions ÷
 * impressions, ÷ reach where the platform reports no impressions, ÷ the account's followers where
 * it reports neither (Mastodon); null when there is no audience figure at all.
 * A reading without an audience figure teaches nothing rather than counting as 0: a run of zeros
 * at the hours someone actually posts would make the suggestions steer away from exactly those
 * hours. Counts may be missing (an imported row with empty cells): they count as 0.
 */
export function observedRate(m: Partial<Record<keyof Counts | "followers", number | null>>): {
  rate: number | null;
  basis: "impressions" | "reach" | "followers" | null;
} {
  const clean = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v ?? 0])) as Partial<PostMetrics>;
  const audience = audienceOf(clean);
  if (audience) return { rate: engagementRate(clean), basis: audience.basis };
  const followers = toCount(clean.followers);
  if (!followers) return { rate: null, basis: null };
  const c = normalizeMetrics(clean);
  return { rate: (c.likes + c.shares + c.comments + c.clicks) / followers, basis: "followers" };
}

/**
 * Weekday (0 = Sunday … 6 = Saturday, as lib/time and the suggestions use), hour and minute of
 * the day of the wall clock in the schedule's zone when the post went out, and the zone read
 * (an unknown zone counts as UTC).
 */
export function publishSlot(publishedAt: Date, timezone: string): { weekday: number; hour: number; minuteOfDay: number; timezone: string } {
  const zone = isValidTimeZone(timezone) ? timezone : "UTC";
  const l = utcToLocal(publishedAt, zone);
  return { weekday: weekdayOf(l), hour: l.hour, minuteOfDay: l.hour * 60 + l.minute, timezone: zone };
}

/** The metadata entries for one measurement covering `labels`. */
export function checkpointEntries(labels: readonly CheckpointLabel[], measuredAt: Date, analyticsId: string | null, error?: string): AnalyticsState {
  const out: AnalyticsState = {};
  for (const label of labels) {
    out[label] = { measured_at: measuredAt.toISOString(), analytics_id: analyticsId, covers: [...labels], ...(error ? { error } : {}) };
  }
  return out;
}

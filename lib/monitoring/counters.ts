/** Counters /api/metrics reports that no table already records, bumped where the event happens. */
import type { Db } from "@/db/client";
import { bumpCounter, bumpCounters } from "@/db/queries/metric-counters";
import { encodeLabels, observationRows } from "./histogram";

/** Counts conflict warnings by type (scheduling_conflicts_total). */
export async function countConflicts(db: Db, conflicts: { type: string }[]) {
  const by = new Map<string, number>();
  for (const c of conflicts) by.set(c.type, (by.get(c.type) ?? 0) + 1);
  for (const [type, n] of by) await bumpCounter(db, "scheduling_conflicts_total", type, n);
}

/** Counts best-time suggestions served, each suggested time once (optimal_time_suggestions_total). */
export async function countSuggestions(db: Db, served: { platform: string; n: number }[]) {
  await bumpCounters(
    db,
    served.map((s) => ({ name: "optimal_time_suggestions_total", label: s.platform, by: s.n })),
  );
}

/**
 * The part of the day of a wall time "YYYY-MM-DDTHH:mm", in the zone it was scheduled in:
 * night 00:00–05:59, morning 06:00–11:59, afternoon 12:00–17:59, evening 18:00–23:59.
 */
export function timeBucket(localTime: string): "night" | "morning" | "afternoon" | "evening" {
  const hour = Number(/T(\d{2})/.exec(localTime)?.[1] ?? 0);
  return hour < 6 ? "night" : hour < 12 ? "morning" : hour < 18 ? "afternoon" : "evening";
}

/** Counts schedules created, by platform and part of the day (scheduled_content_total). */
export async function countScheduled(db: Db, rows: { platformId: string; localTime: string }[]) {
  await bumpCounters(
    db,
    rows.map((r) => ({ name: "scheduled_content_total", label: encodeLabels({ platform: r.platformId, time_bucket: timeBucket(r.localTime) }), by: 1 })),
  );
}

export type NotificationChannel = "in_app" | "email" | "digest";
/**
 * delivered: shown in the app; sent: accepted by the mail server; failed: an email attempt failed
 * and is tried again later; abandoned: given up (an email after its last attempt, a digest at once).
 */
export type NotificationOutcome = "delivered" | "sent" | "failed" | "abandoned";

/** Counts notification deliveries (notification_deliveries_total). */
export async function countNotificationDeliveries(db: Db, channel: NotificationChannel, outcome: NotificationOutcome, n = 1) {
  await bumpCounters(db, [{ name: "notification_deliveries_total", label: encodeLabels({ channel, outcome }), by: n }]);
}

/** Submission to decision: one minute to a week. */
export const APPROVAL_BUCKETS = [60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 172_800, 604_800] as const;

/** Records how long a review took, submission to decision (approval_response_time_seconds). */
export async function observeApprovalResponse(db: Db, decision: string, submittedAt: Date, decidedAt: Date) {
  const seconds = (decidedAt.getTime() - submittedAt.getTime()) / 1000;
  await bumpCounters(db, observationRows("approval_response_time_seconds", { decision }, seconds, APPROVAL_BUCKETS));
}

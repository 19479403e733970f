import type { ValidationIssue } from "@/adapters/types";
import type { ConflictWarning } from "@/lib/scheduling/conflicts";
import type { SkippedOccurrence } from "@/lib/scheduling/blackout-skip";

/** The answer to a request that created schedules. */
export function createdSchedulesOut(r: {
  schedules: { id: string; platformAccountId: string; platformId: string; publishStatus: string; scheduledTime: Date; localTime: string; timezone: string }[];
  seriesId: string | null;
  skippedOccurrences?: SkippedOccurrence[];
  warnings: ValidationIssue[];
  conflicts: ConflictWarning[];
  ambiguous: boolean;
}) {
  return {
    schedules: r.schedules.map((s) => ({
      id: s.id,
      platform_account_id: s.platformAccountId,
      platform_id: s.platformId,
      publish_status: s.publishStatus,
      scheduled_time: s.scheduledTime.toISOString(),
      local_time: s.localTime,
      timezone: s.timezone,
    })),
    recurrence_series_id: r.seriesId,
    skipped_occurrences: r.skippedOccurrences ?? [],
    warnings: [
      ...r.warnings.map((w) => ({ type: "platform", platform: w.platform, field: w.field, code: w.code, message: w.message })),
      ...r.conflicts,
      ...(r.ambiguous ? [{ type: "time", code: "ambiguous_time", message: "That wall time happens twice (clocks go back); the first one was taken." }] : []),
    ],
  };
}

import type { ValidationIssue } from "@/adapters/types";
import type { ConflictWarning } from "@/lib/scheduling/conflicts";

/** The answer to a request that created schedules. */
export function createdSchedulesOut(r: {
  schedules: { id: string; platformAccountId: string; platformId: string; publishStatus: string; scheduledTime: Date; localTime: string; timezone: string }[];
  seriesId: string | null;
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
    warnings: [
      ...r.warnings.map((w) => ({ type: "platform", platform: w.platform, field: w.field, code: w.code, message: w.message })),
      ...r.conflicts,
      ...(r.ambiguous ? [{ type: "time", code: "ambiguous_time", message: "That wall time happens twice (clocks go back); the first one was taken." }] : []),
    ],
  };
}

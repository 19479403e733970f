import type { PlannedSchedule } from "./schedules";

export interface BlackoutWindow {
  id: string;
  platformAccountId: string | null;
  startsAt: Date;
  endsAt: Date;
  reason: string | null;
}

/** One occurrence of a series that is not created because it falls in a blackout. */
export interface SkippedOccurrence {
  scheduled_time: string;
  local_time: string;
  timezone: string;
  /** The accounts it is skipped on (a workspace-wide blackout: all of the series' accounts). */
  platform_account_ids: string[];
  blackout_id: string;
  reason: string | null;
}

/** The blackout that holds `instant` for an account (its own or a workspace-wide one), if any. */
export function blackoutAt(blackouts: readonly BlackoutWindow[], accountId: string, instant: Date): BlackoutWindow | undefined {
  const t = instant.getTime();
  return blackouts.find((b) => (b.platformAccountId === null || b.platformAccountId === accountId) && b.startsAt.getTime() <= t && t < b.endsAt.getTime());
}

/**
 * Splits a series' planned schedules into those to create and the occurrences a blackout holds;
 * the skipped ones are grouped per occurrence, with the accounts each is skipped on.
 */
export function skipBlackedOut(plans: PlannedSchedule[], blackouts: readonly BlackoutWindow[]): { kept: PlannedSchedule[]; skipped: SkippedOccurrence[] } {
  const kept: PlannedSchedule[] = [];
  const byTime = new Map<number, SkippedOccurrence>();
  for (const p of plans) {
    const b = blackoutAt(blackouts, p.accountId, p.instant);
    if (!b) {
      kept.push(p);
      continue;
    }
    const key = p.instant.getTime();
    const s = byTime.get(key);
    if (s) s.platform_account_ids.push(p.accountId);
    else
      byTime.set(key, {
        scheduled_time: p.instant.toISOString(),
        local_time: p.local,
        timezone: p.timezone,
        platform_account_ids: [p.accountId],
        blackout_id: b.id,
        reason: b.reason,
      });
  }
  return { kept, skipped: [...byTime.values()].sort((a, b) => a.scheduled_time.localeCompare(b.scheduled_time)) };
}

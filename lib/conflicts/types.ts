import type { PlatformId } from "@/adapters/types";

/** A schedule as the conflict rules see it; the caller loads these from the schedules table. */
export interface Slot {
  id?: string;
  accountId: string;
  platformId: PlatformId;
  contentItemId: string;
  instant: Date;
  /** Publish status of an existing schedule; a new candidate has none. */
  status?: string;
  /** Content title, only used to name the other post in messages. */
  title?: string | null;
}

/** A window [startsAt, endsAt) in which nothing is published; accountId null = every account. */
export interface Blackout {
  id: string;
  accountId: string | null;
  startsAt: Date;
  endsAt: Date;
  reason: string | null;
}

export interface AccountRules {
  minGapMinutes: number;
  /** Most posts per local calendar day; null = no cap. */
  dailyCap: number | null;
  /** The same content on the same account again within this many days is a duplicate. */
  duplicateDays: number;
}

export type ConflictType = "blackout" | "min_gap" | "daily_cap" | "duplicate";

export interface Conflict {
  type: ConflictType;
  /** Only a blackout is an error: a warning can be published anyway, knowingly. */
  severity: "error" | "warning";
  message: string;
  /** Every schedule involved (the candidate's own id first, when it has one). */
  scheduleIds: string[];
  blackoutId?: string;
}

export interface ConflictContext {
  blackouts: Blackout[];
  rules: (accountId: string) => AccountRules;
  /** IANA zone for calendar days and for the times written into messages. */
  timezone: string;
}

export interface CheckContext extends ConflictContext {
  existing: Slot[];
}

// Anything that will not (or did not) go out cannot crowd the account, so only these statuses count.
const LIVE_STATUSES = new Set(["pending", "paused", "publishing", "published"]);

/** A candidate without a status is a new schedule and counts. */
export function isLive(slot: Pick<Slot, "status">): boolean {
  return slot.status === undefined || LIVE_STATUSES.has(slot.status);
}

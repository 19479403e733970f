/** Which controls a schedule's status allows (the engine refuses the others anyway). */
export type ScheduleControl = "pause" | "resume" | "cancel" | "retry" | "settings" | "clone";

const BY_STATUS: Record<string, ScheduleControl[]> = {
  pending: ["pause", "settings", "clone", "cancel"],
  paused: ["resume", "settings", "clone", "cancel"],
  failed: ["retry", "clone"],
  dead_letter: ["retry", "clone"],
  skipped: ["retry", "clone"],
  published: ["clone"],
  cancelled: ["clone"],
  expired: ["clone"],
  // Going out right now: nothing to change until the attempt ends.
  publishing: [],
};

/**
 * Paused by the engine rather than by a person: a missed post waiting for a decision is decided
 * under Needs a decision (Publish now / Skip, audited), and a post held for approval goes out once
 * a reviewer approves; Resume would skip both.
 */
const HELD: Record<string, ScheduleControl[]> = {
  missed_ask: ["clone", "cancel"],
  awaiting_approval: ["settings", "clone", "cancel"],
};

export function actionsFor(status: string, errorCode?: string | null): ScheduleControl[] {
  if (status === "paused" && errorCode && HELD[errorCode]) return HELD[errorCode]!;
  return BY_STATUS[status] ?? [];
}

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

export function actionsFor(status: string): ScheduleControl[] {
  return BY_STATUS[status] ?? [];
}

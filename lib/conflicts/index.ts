/**
 * Scheduling conflict rules, as pure functions over data the caller loads: blackouts (errors),
 * minimum gap, daily cap and duplicate content (warnings). Calendar days are local to the
 * workspace zone, so a cap means "per day as the people posting see it".
 */
export { isLive, type AccountRules, type Blackout, type CheckContext, type Conflict, type ConflictContext, type ConflictType, type Slot } from "./types";
export { defaultRules } from "./rules";
export { checkSlot, suggestFreeTime } from "./check";
export { findConflicts } from "./find";
export { describeDuration, formatWhen } from "./time";

/** Counters /api/metrics reports that no table already records, bumped where the event happens. */
import type { Db } from "@/db/client";
import { bumpCounter } from "@/db/queries/metric-counters";

/** Counts conflict warnings by type (scheduling_conflicts_total). */
export async function countConflicts(db: Db, conflicts: { type: string }[]) {
  const by = new Map<string, number>();
  for (const c of conflicts) by.set(c.type, (by.get(c.type) ?? 0) + 1);
  for (const [type, n] of by) await bumpCounter(db, "scheduling_conflicts_total", type, n);
}

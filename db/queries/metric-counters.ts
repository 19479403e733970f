/**
 * metric_counters: monotonic counters for /api/metrics that no table already records (conflicts
 * seen when scheduling …). One row per counter name and label.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";

/** Adds `by` to the counter `name{label}`; a count of zero or less writes nothing. */
export async function bumpCounter(db: Db, name: string, label: string, by = 1) {
  if (by <= 0) return;
  await db.execute(sql`INSERT INTO metric_counters (name, labels, value) VALUES (${name}, ${label}, ${by})
    ON CONFLICT (name, labels) DO UPDATE SET value = metric_counters.value + ${by}`);
}

/** Every label of one counter with its value, by label. */
export async function counterValues(db: Db, name: string): Promise<{ labels: string; value: number }[]> {
  return rowsOf<{ labels: string; value: number }>(await db.execute(sql`SELECT labels, value FROM metric_counters WHERE name = ${name} ORDER BY labels`));
}

/** Rows removed by the retention pruning, by kind (retention_pruned_rows_total{kind}). */
export const RETENTION_PRUNED_COUNTER = "retention_pruned_rows_total";
/**
 * What pruned publish attempts had counted, kept so the attempt counters of /api/metrics, which
 * count attempt rows, never go down: by platform and outcome (labels `{"platform","outcome"}` as
 * JSON) …
 */
export const PRUNED_ATTEMPTS_COUNTER = "pruned:content_published_total";
/** … and their durations: `{"platform","le"}` per histogram bound ("+Inf" the count, "sum_ms" the sum in ms). */
export const PRUNED_DURATIONS_COUNTER = "pruned:content_publishing_duration_seconds";

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
/**
 * Adds several counters at once, in one statement. Rows are summed by (name, label) first and
 * written in that order, so concurrent writers from several processes lock rows in the same order
 * and never deadlock.
 */
export async function bumpCounters(db: Db, rows: { name: string; label: string; by: number }[]) {
  const sums = new Map<string, { name: string; label: string; by: number }>();
  for (const r of rows) {
    if (!(r.by > 0)) continue;
    const key = JSON.stringify([r.name, r.label]);
    const s = sums.get(key);
    if (s) s.by += r.by;
    else sums.set(key, { ...r });
  }
  const list = [...sums.values()].sort((a, b) => (a.name === b.name ? (a.label < b.label ? -1 : 1) : a.name < b.name ? -1 : 1));
  if (!list.length) return;
  const values = sql.join(
    list.map((r) => sql`(${r.name}, ${r.label}, ${Math.round(r.by)}::bigint)`),
    sql`, `,
  );
  await db.execute(sql`INSERT INTO metric_counters (name, labels, value) VALUES ${values}
    ON CONFLICT (name, labels) DO UPDATE SET value = metric_counters.value + excluded.value`);
}

/** Every label and value of the counters whose names start with `prefix`. */
export async function countersByPrefix(db: Db, prefix: string): Promise<{ name: string; labels: string; value: number }[]> {
  return rowsOf<{ name: string; labels: string; value: number }>(
    await db.execute(sql`SELECT name, labels, value FROM metric_counters WHERE starts_with(name, ${prefix}) ORDER BY name, labels`),
  );
}

/**
 * Prometheus histograms kept in metric_counters, so every process adds to the one /api/metrics
 * serves. One observation adds 1 to `<name>_count`, its value in microseconds to `<name>_sum`, and
 * 1 to `<name>_bucket` of every bound at or above it (cumulative, as Prometheus reads buckets).
 * Labels are stored as a JSON object, `le` included for buckets.
 */
import type { Db } from "@/db/client";
import { countersByPrefix } from "@/db/queries/metric-counters";

export interface CounterRow {
  name: string;
  label: string;
  by: number;
}

export const encodeLabels = (labels: Record<string, string>) => JSON.stringify(labels);

export function decodeLabels(text: string): Record<string, string> {
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
  } catch {
    /* a plain label */
  }
  return {};
}

/** The counter rows one observation of `seconds` adds. */
export function observationRows(name: string, labels: Record<string, string>, seconds: number, bounds: readonly number[]): CounterRow[] {
  const v = Math.max(0, seconds);
  return [
    { name: `${name}_count`, label: encodeLabels(labels), by: 1 },
    { name: `${name}_sum`, label: encodeLabels(labels), by: Math.round(v * 1e6) },
    ...bounds.filter((b) => v <= b).map((b) => ({ name: `${name}_bucket`, label: encodeLabels({ ...labels, le: String(b) }), by: 1 })),
  ];
}

export interface StoredHistogram {
  labels: Record<string, string>;
  /** Cumulative counts at each bound, in the order of the bounds. */
  buckets: number[];
  count: number;
  sumSeconds: number;
}

/** The stored histogram `name`, one entry per label set (ordered by labels). */
export async function readHistogram(db: Db, name: string, bounds: readonly number[]): Promise<StoredHistogram[]> {
  const rows = await countersByPrefix(db, `${name}_`);
  const by = new Map<string, StoredHistogram>();
  const entry = (labels: Record<string, string>) => {
    const key = encodeLabels(labels);
    let h = by.get(key);
    if (!h) by.set(key, (h = { labels, buckets: bounds.map(() => 0), count: 0, sumSeconds: 0 }));
    return h;
  };
  for (const r of rows) {
    const labels = decodeLabels(r.labels);
    const value = Number(r.value);
    if (r.name === `${name}_count`) entry(labels).count = value;
    else if (r.name === `${name}_sum`) entry(labels).sumSeconds = value / 1e6;
    else if (r.name === `${name}_bucket`) {
      const { le, ...rest } = labels;
      const i = bounds.findIndex((b) => String(b) === le);
      if (i >= 0) entry(rest).buckets[i] = value;
    }
  }
  return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, h]) => h);
}

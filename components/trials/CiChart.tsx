import type { Format } from "@/lib/format";
import { metricValue } from "./describe";

export interface CiRow {
  key: string;
  name: string;
  mean: number | null;
  low: number | null;
  high: number | null;
}

/**
 * Each arm's mean and 95 % interval on one shared axis: a bar from the interval's low to its high
 * end, a mark at the mean. Arms whose intervals do not overlap differ clearly.
 */
export function CiChart({ rows, metric, fmt }: { rows: CiRow[]; metric: string; fmt: Format }) {
  const values = rows.flatMap((r) => [r.mean, r.low, r.high]).filter((v): v is number => v !== null);
  if (!values.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No measured posts yet: the chart fills in as results arrive.</p>;
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 1e-12) {
    lo -= Math.abs(lo) * 0.1 || 1;
    hi += Math.abs(hi) * 0.1 || 1;
  }
  const pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
  const at = (v: number) => `${(((v - lo) / (hi - lo)) * 100).toFixed(2)}%`;
  return (
    <figure aria-label="Mean and 95 % interval per arm">
      <ul className="space-y-3">
        {rows.map((r) => (
          <li key={r.key} className="grid grid-cols-[minmax(0,7rem)_1fr] items-center gap-2 text-sm sm:grid-cols-[minmax(0,12rem)_1fr]">
            <span className="truncate" title={r.name}>
              {r.name}
            </span>
            <div className="relative h-6 rounded bg-slate-100 dark:bg-slate-800" role="img" aria-label={describe(r, metric, fmt)}>
              {r.low !== null && r.high !== null && (
                <div
                  className="absolute top-1.5 h-3 rounded bg-sky-300 dark:bg-sky-700"
                  style={{ left: at(r.low), width: `calc(${at(r.high)} - ${at(r.low)})` }}
                />
              )}
              {r.mean !== null && <div className="absolute top-0 h-6 w-0.5 bg-sky-900 dark:bg-sky-100" style={{ left: at(r.mean) }} />}
            </div>
          </li>
        ))}
      </ul>
      <figcaption className="mt-2 flex justify-between text-xs text-slate-600 dark:text-slate-400">
        <span>{metricValue(fmt, metric, lo)}</span>
        <span>Bars: 95 % interval; line: mean</span>
        <span>{metricValue(fmt, metric, hi)}</span>
      </figcaption>
    </figure>
  );
}

function describe(r: CiRow, metric: string, fmt: Format): string {
  if (r.mean === null) return `${r.name}: no measured posts`;
  const ci = r.low !== null && r.high !== null ? `, 95 % interval ${metricValue(fmt, metric, r.low)} to ${metricValue(fmt, metric, r.high)}` : "";
  return `${r.name}: mean ${metricValue(fmt, metric, r.mean)}${ci}`;
}

/**
 * The report's date range: presets (last 7 / 30 / 90 days) as links and a from–to form, both
 * writing `?from=&to=` so a range can be bookmarked and shared. Works without script.
 */
import Link from "next/link";
import { PRESETS, type ReportRange } from "@/lib/analytics/range";

export function RangePicker({ range, presets, note }: { range: ReportRange; presets: Record<number, { from: string; to: string }>; note: string | null }) {
  return (
    <div className="card mb-5 flex flex-wrap items-end gap-3">
      <nav aria-label="Range presets" className="flex flex-wrap gap-2">
        {PRESETS.map((n) => {
          const current = range.preset === n;
          return (
            <Link
              key={n}
              href={`/analytics?${new URLSearchParams(presets[n])}`}
              aria-current={current ? "true" : undefined}
              className={current ? "btn-primary" : "btn-secondary"}
            >
              Last {n} days
            </Link>
          );
        })}
      </nav>
      <form method="get" action="/analytics" className="flex flex-wrap items-end gap-3" aria-label="Custom range">
        <div>
          <label htmlFor="range-from" className="label">
            From
          </label>
          <input id="range-from" name="from" type="date" required defaultValue={range.from} className="input" />
        </div>
        <div>
          <label htmlFor="range-to" className="label">
            To
          </label>
          <input id="range-to" name="to" type="date" required defaultValue={range.to} className="input" />
        </div>
        <button type="submit" className="btn-secondary">
          Show range
        </button>
      </form>
      {note && (
        <p role="alert" data-testid="range-note" className="w-full text-sm text-amber-800 dark:text-amber-200">
          {note}
        </p>
      )}
    </div>
  );
}

/**
 * A chart's frame: title, what it shows, a CSV export of its dataset, the chart (or a note when
 * the dataset is empty) and the same data as a table in a <details>, so nothing is image-only.
 */
import { DATASETS, displayValue, type DatasetId, type Row } from "@/lib/analytics/report";
import type { ReportRange } from "@/lib/analytics/range";
import { DataTable } from "./DataTable";

export function exportHref(id: DatasetId, range: Pick<ReportRange, "from" | "to">) {
  return `/analytics/export?${new URLSearchParams({ dataset: id, from: range.from, to: range.to })}`;
}

export function ChartCard({
  id,
  rows,
  range,
  description,
  empty,
  children,
  wide,
  locale,
}: {
  id: DatasetId;
  rows: Row[];
  range: ReportRange;
  description: string;
  /** Shown instead of the chart when set (nothing to draw). */
  empty?: string | null;
  children: React.ReactNode;
  wide?: boolean;
  locale: string;
}) {
  const { title, columns } = DATASETS[id];
  const titleId = `chart-${id}`;
  return (
    <section className={`card min-w-0 ${wide ? "lg:col-span-2" : ""}`} aria-labelledby={titleId} data-testid={`dataset-${id}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{description}</p>
        </div>
        <a href={exportHref(id, range)} download className="btn-secondary shrink-0 px-2 py-1 text-xs">
          Export CSV<span className="sr-only"> of {title.toLowerCase()}</span>
        </a>
      </div>
      <div className="mt-3">
        {empty ? (
          <p className="rounded-md bg-slate-50 px-3 py-6 text-center text-sm text-slate-600 dark:bg-slate-800/60 dark:text-slate-300">{empty}</p>
        ) : (
          children
        )}
      </div>
      {rows.length > 0 && (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-slate-700 underline-offset-2 hover:underline dark:text-slate-300">Show the data as a table</summary>
          <DataTable
            columns={columns}
            rows={rows}
            locale={locale}
            caption={`${title}, ${displayValue(range.from, "day", locale)} to ${displayValue(range.to, "day", locale)}`}
          />
        </details>
      )}
    </section>
  );
}

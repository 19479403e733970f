/** The table behind a chart (the same columns as its CSV), scrolling inside its own box. */
import { displayValue, type Column, type Row } from "@/lib/analytics/report";

export function DataTable({ columns, rows, caption, locale }: { columns: Column[]; rows: Row[]; caption: string; locale: string }) {
  return (
    <div className="mt-2 max-h-96 overflow-auto rounded-md border border-slate-200 dark:border-slate-800" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-slate-50 text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={`whitespace-nowrap px-3 py-2 font-medium ${c.format === "text" ? "" : "text-right"}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c.key} className={`whitespace-nowrap px-3 py-1.5 ${c.format === "text" ? "" : "text-right tabular-nums"}`}>
                  {displayValue(r[c.key], c.format, locale)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { RowOutcome } from "./useCsvImport";

/** The rows a check refused, each with its line and every problem, column by column. */
export function ImportErrors({ rows }: { rows: RowOutcome[] }) {
  const bad = rows.filter((r) => r.status === "error");
  if (!bad.length) return null;
  return (
    <div className="max-h-80 overflow-auto rounded-md border border-red-200 dark:border-red-900">
      <table className="w-full text-left text-sm" aria-label="Rows with errors">
        <thead className="sticky top-0 bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Line</th>
            <th scope="col" className="px-3 py-2 font-medium">Title</th>
            <th scope="col" className="px-3 py-2 font-medium">Problems</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-red-100 dark:divide-red-900">
          {bad.map((r) => (
            <tr key={r.line} data-testid="import-error-row" className="align-top">
              <td className="px-3 py-2 tabular-nums">{r.line}</td>
              <td className="px-3 py-2 break-words">{r.title || <span className="text-slate-600 dark:text-slate-400">(no title)</span>}</td>
              <td className="px-3 py-2">
                <ul className="space-y-0.5">
                  {(r.errors ?? []).map((e, i) => (
                    <li key={i}>
                      {e.field && <span className="font-mono text-xs">{e.field}: </span>}
                      {e.message}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

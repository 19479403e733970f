import type { ReactNode } from "react";
import type { RowOutcome } from "./useCsvImport";

const TONES = {
  red: {
    box: "max-h-80 border-red-200 dark:border-red-900",
    head: "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100",
    body: "divide-red-100 dark:divide-red-900",
  },
  amber: {
    box: "max-h-64 border-amber-200 dark:border-amber-900",
    head: "bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-100",
    body: "divide-amber-100 dark:divide-amber-900",
  },
} as const;

/** A table of import rows (line, title, and what is said of each), for the check's errors and notes. */
export function ImportRowTable({
  rows,
  label,
  column,
  tone,
  testId,
  children,
}: {
  rows: RowOutcome[];
  label: string;
  column: string;
  tone: keyof typeof TONES;
  testId: string;
  children: (row: RowOutcome) => ReactNode;
}) {
  if (!rows.length) return null;
  const t = TONES[tone];
  return (
    <div className={`overflow-auto rounded-md border ${t.box}`}>
      <table className="w-full text-left text-sm" aria-label={label}>
        <thead className={`sticky top-0 ${t.head}`}>
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Line
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Title
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {column}
            </th>
          </tr>
        </thead>
        <tbody className={`divide-y ${t.body}`}>
          {rows.map((r) => (
            <tr key={r.line} data-testid={testId} className="align-top">
              <td className="px-3 py-2 tabular-nums">{r.line}</td>
              <td className="px-3 py-2 break-words">{r.title || <span className="text-slate-600 dark:text-slate-400">(no title)</span>}</td>
              <td className="px-3 py-2 break-words">
                <ul className="space-y-0.5">{children(r)}</ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

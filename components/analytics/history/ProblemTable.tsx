import type { Problem } from "./useHistoryImport";

const TONES = {
  red: { box: "max-h-80 border-red-200 dark:border-red-900", head: "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100" },
  amber: { box: "max-h-64 border-amber-200 dark:border-amber-900", head: "bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-100" },
} as const;

/** Problems (or warnings) of a history file: the row as a spreadsheet numbers it, the column, what is wrong. */
export function ProblemTable({ problems, label, tone, testId }: { problems: Problem[]; label: string; tone: keyof typeof TONES; testId: string }) {
  if (!problems.length) return null;
  const t = TONES[tone];
  return (
    <div className={`overflow-auto rounded-md border ${t.box}`} tabIndex={0} role="region" aria-label={label}>
      <table className="w-full text-left text-sm">
        <thead className={`sticky top-0 ${t.head}`}>
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Row
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Column
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {tone === "red" ? "Problem" : "Note"}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {problems.map((p, i) => (
            <tr key={`${p.row}:${p.column}:${i}`} data-testid={testId} className="align-top">
              <td className="px-3 py-2 tabular-nums">{p.row}</td>
              <td className="px-3 py-2 font-mono text-xs whitespace-nowrap">{p.column ?? "—"}</td>
              <td className="px-3 py-2 break-words">{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

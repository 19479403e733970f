import Link from "next/link";
import type { RowOutcome } from "./useCsvImport";

/** Rows the import takes differently from the file (left out, not scheduled again, an account mapped), each with why. */
export function ImportNotes({ rows }: { rows: RowOutcome[] }) {
  const noted = rows.filter((r) => r.status !== "error" && (r.status === "skipped" || r.notes?.length));
  if (!noted.length) return null;
  return (
    <div className="max-h-64 overflow-auto rounded-md border border-amber-200 dark:border-amber-900">
      <table className="w-full text-left text-sm" aria-label="Rows imported differently">
        <thead className="sticky top-0 bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-100">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Line</th>
            <th scope="col" className="px-3 py-2 font-medium">Title</th>
            <th scope="col" className="px-3 py-2 font-medium">What happens</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-amber-100 dark:divide-amber-900">
          {noted.map((r) => (
            <tr key={r.line} data-testid="import-note-row" className="align-top">
              <td className="px-3 py-2 tabular-nums">{r.line}</td>
              <td className="px-3 py-2 break-words">{r.title || <span className="text-slate-600 dark:text-slate-400">(no title)</span>}</td>
              <td className="px-3 py-2 break-words">
                <ul className="space-y-0.5">
                  {r.status === "skipped" && <li className="font-medium">Skipped</li>}
                  {(r.notes ?? []).map((n, i) => (
                    <li key={i}>{n}</li>
                  ))}
                  {r.existing && (
                    <li>
                      <Link href={`/content/${r.existing.id}`} className="font-medium text-brand-700 underline underline-offset-2 dark:text-brand-100" data-testid="import-existing-link">
                        Open “{r.existing.title}”
                      </Link>
                    </li>
                  )}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

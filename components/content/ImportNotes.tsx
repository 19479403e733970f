import Link from "next/link";
import type { RowOutcome } from "./useCsvImport";
import { ImportRowTable } from "./ImportRowTable";

/** Rows the import takes differently from the file (left out, not scheduled again, an account mapped), each with why. */
export function ImportNotes({ rows }: { rows: RowOutcome[] }) {
  const noted = rows.filter((r) => r.status !== "error" && (r.status === "skipped" || r.notes?.length));
  return (
    <ImportRowTable rows={noted} label="Rows imported differently" column="What happens" tone="amber" testId="import-note-row">
      {(r) => (
        <>
          {r.status === "skipped" && <li className="font-medium">Skipped</li>}
          {(r.notes ?? []).map((n, i) => (
            <li key={i}>{n}</li>
          ))}
          {r.existing && (
            <li>
              <Link
                href={`/content/${r.existing.id}`}
                className="font-medium text-brand-700 underline underline-offset-2 dark:text-brand-100"
                data-testid="import-existing-link"
              >
                Open “{r.existing.title}”
              </Link>
            </li>
          )}
        </>
      )}
    </ImportRowTable>
  );
}

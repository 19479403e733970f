import type { RowOutcome } from "./useCsvImport";
import { ImportRowTable } from "./ImportRowTable";

/** The rows a check refused, each with its line and every problem, column by column. */
export function ImportErrors({ rows }: { rows: RowOutcome[] }) {
  return (
    <ImportRowTable rows={rows.filter((r) => r.status === "error")} label="Rows with errors" column="Problems" tone="red" testId="import-error-row">
      {(r) =>
        (r.errors ?? []).map((e, i) => (
          <li key={i}>
            {e.field && <span className="font-mono text-xs">{e.field}: </span>}
            {e.message}
          </li>
        ))
      }
    </ImportRowTable>
  );
}

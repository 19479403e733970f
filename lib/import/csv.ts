/** The CSV import as a whole: reading the file row by row in one transaction, all-or-nothing or partial, a dry run undone, and its summary. */
import type { Db } from "@/db/client";
import { listAccounts } from "@/db/queries/accounts";
import { readHeaderedRows, CsvError } from "../csv";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { IMPORT_COLUMNS } from "./rows";
import { resolveTimezone } from "../scheduling/resolve";
import { importRow, type RowContext, type RowResult } from "./import-row";

export type { RowResult } from "./import-row";

export const MAX_IMPORT_ROWS = 10_000;

export interface ImportOptions {
  dryRun: boolean;
  /** all_or_nothing (default): one bad row and nothing is kept. partial: good rows are kept. */
  mode: "all_or_nothing" | "partial";
  onProgress?: (done: number) => void;
  now?: Date;
  /**
   * A row that repeats a post already here (same title and body, and for a dated row the same time
   * on the same accounts): skip (default) or import it anyway. A row whose content_item_id is a
   * post of this workspace is always skipped: the import never creates it again.
   */
  duplicates?: "skip" | "import";
}

/** Thrown inside the transaction to undo a dry run (or a failed all-or-nothing run) after it ran in full. */
class Rollback extends Error {}

/**
 * Imports content (and its schedules) from CSV. Every row is checked exactly as a real import
 * would (content rules, zones, each platform's limits), each in its own savepoint; a dry run then
 * undoes everything and reports what would have been created.
 */
export async function importCsv(db: Db, person: Actor, source: string | AsyncIterable<string | Uint8Array>, opts: ImportOptions) {
  assertCan(person.role, "content:write");
  assertCan(person.role, "schedules:write");
  // Rows nobody typed or read one by one: their versions are recorded as the system's, which the
  // approval policies cover (README, Approvals). Audit rows still name the person who imported.
  const actor: Actor = { ...person, system: "csv_import" };
  const accounts = await listAccounts(db, actor.workspaceId);
  const ctx: RowContext = {
    actor,
    accounts,
    posts: new Map(),
    known: new Map(),
    made: new Map(),
    duplicates: opts.duplicates ?? "skip",
    now: opts.now ?? new Date(),
    defaultZone: await resolveTimezone(db, actor, undefined),
  };
  const results: RowResult[] = [];
  let created = { content: 0, schedules: 0 };
  try {
    await db.transaction(async (tx) => {
      try {
        for await (const r of readHeaderedRows(source, IMPORT_COLUMNS)) {
          if (results.length >= MAX_IMPORT_ROWS)
            throw new AppError("bad_request:too_many_rows", `an import can have at most ${MAX_IMPORT_ROWS} rows; split the file`);
          results.push(
            r.error !== undefined ? { line: r.line, status: "error", errors: [{ field: null, message: r.error }] } : await importRow(tx, ctx, r.line, r.values),
          );
          opts.onProgress?.(results.length);
        }
      } catch (err) {
        if (err instanceof CsvError) throw new AppError("bad_request:csv", err.message, [{ line: err.line, message: err.message }]);
        throw err;
      }
      const ok = results.filter((r) => r.status === "ok");
      created = { content: ok.filter((r) => r.same_post_as === undefined).length, schedules: ok.reduce((n, r) => n + (r.schedules?.length ?? 0), 0) };
      if (opts.dryRun || (opts.mode === "all_or_nothing" && results.some((r) => r.status === "error"))) throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  const errorRows = results.filter((r) => r.status === "error").length;
  const kept = !opts.dryRun && (opts.mode === "partial" || errorRows === 0);
  // Ids of rows that were undone would point at nothing.
  const rows = kept ? results : results.map((r) => ({ ...r, content_item_id: undefined }));
  const skippedRows = results.filter((r) => r.status === "skipped").length;
  return {
    dry_run: opts.dryRun,
    mode: opts.mode,
    total_rows: results.length,
    ok_rows: results.length - errorRows - skippedRows,
    error_rows: errorRows,
    skipped_rows: skippedRows,
    committed: kept,
    created: kept || opts.dryRun ? created : { content: 0, schedules: 0 },
    rows,
  };
}

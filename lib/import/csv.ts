import type { Db } from "@/db/client";
import { listAccounts } from "@/db/queries/accounts";
import { readHeaderedRows, CsvError } from "../csv";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { createContent } from "../content";
import { createSchedules } from "../scheduling/create";
import { IMPORT_COLUMNS, parseImportRow, type RowError } from "./rows";
import { describeUnsafe, findUnsafeText } from "../validation/unsafe-text";

export const MAX_IMPORT_ROWS = 10_000;

export interface RowResult {
  line: number;
  status: "ok" | "error";
  title?: string;
  content_item_id?: string;
  schedules?: { platform_account_id: string; platform_id: string; scheduled_time: string; local_time: string; timezone: string }[];
  errors?: RowError[];
}

export interface ImportOptions {
  dryRun: boolean;
  /** all_or_nothing (default): one bad row and nothing is kept. partial: good rows are kept. */
  mode: "all_or_nothing" | "partial";
  onProgress?: (done: number) => void;
  now?: Date;
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
  const results: RowResult[] = [];
  let created = { content: 0, schedules: 0 };
  try {
    await db.transaction(async (tx) => {
      try {
        for await (const r of readHeaderedRows(source, IMPORT_COLUMNS)) {
          if (results.length >= MAX_IMPORT_ROWS) throw new AppError("bad_request:too_many_rows", `an import can have at most ${MAX_IMPORT_ROWS} rows; split the file`);
          results.push(r.error !== undefined ? { line: r.line, status: "error", errors: [{ field: null, message: r.error }] } : await importRow(tx, actor, accounts, r.line, r.values, opts.now));
          opts.onProgress?.(results.length);
        }
      } catch (err) {
        if (err instanceof CsvError) throw new AppError("bad_request:csv", err.message, [{ line: err.line, message: err.message }]);
        throw err;
      }
      const ok = results.filter((r) => r.status === "ok");
      created = { content: ok.length, schedules: ok.reduce((n, r) => n + (r.schedules?.length ?? 0), 0) };
      if (opts.dryRun || (opts.mode === "all_or_nothing" && ok.length < results.length)) throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  const errorRows = results.filter((r) => r.status === "error").length;
  const kept = !opts.dryRun && (opts.mode === "partial" || errorRows === 0);
  // Ids of rows that were undone would point at nothing.
  const rows = kept ? results : results.map((r) => ({ ...r, content_item_id: undefined }));
  return { dry_run: opts.dryRun, mode: opts.mode, total_rows: results.length, ok_rows: results.length - errorRows, error_rows: errorRows, committed: kept, created: kept || opts.dryRun ? created : { content: 0, schedules: 0 }, rows };
}

type Account = Awaited<ReturnType<typeof listAccounts>>[number];

async function importRow(db: Db, actor: Actor, accounts: Account[], line: number, values: Record<string, string>, now?: Date): Promise<RowResult> {
  // A cell the database cannot store (NUL, unpaired surrogate, control character) is that cell's error.
  const errors = Object.entries(values).flatMap(([column, cell]) => {
    const found = findUnsafeText(cell);
    return found ? [{ field: column, message: describeUnsafe(found.reason) }] : [];
  });
  if (errors.length) return { line, status: "error", title: findUnsafeText(values.title ?? "") ? undefined : values.title, errors };
  const parsed = parseImportRow(values);
  if (!parsed.ok) return { line, status: "error", title: values.title, errors: parsed.errors };
  const { row } = parsed;
  const targets = new Map<string, Account>();
  for (const p of row.platforms) for (const a of accounts.filter((a) => a.platform === p)) targets.set(a.id, a);
  const missing: string[] = [];
  for (const ref of row.accountRefs) {
    const a = accounts.find((x) => x.id === ref || x.name.toLowerCase() === ref.toLowerCase());
    if (a) targets.set(a.id, a);
    else missing.push(ref);
  }
  const noAccount = row.platforms.filter((p) => !accounts.some((a) => a.platform === p));
  if (missing.length || noAccount.length) {
    return { line, status: "error", title: row.content.title, errors: [...missing.map((m) => ({ field: "accounts", message: `no account named "${m}"` })), ...noAccount.map((p) => ({ field: "platforms", message: `no ${p} account in this workspace` }))] };
  }
  try {
    return await db.transaction(async (sp) => {
      const item = await createContent(sp, actor, row.content);
      if (!row.local) return { line, status: "ok" as const, title: item.title, content_item_id: item.id, schedules: [] };
      const made = await createSchedules(sp, actor, { content_item_id: item.id, platform_account_ids: [...targets.keys()], scheduled_time: row.local, ...(row.timezone ? { timezone: row.timezone } : {}), retry_strategy: "exponential", max_retries: 3, priority: "normal", missed_policy: "publish_late" }, now);
      return {
        line,
        status: "ok" as const,
        title: item.title,
        content_item_id: item.id,
        schedules: made.schedules.map((s) => ({ platform_account_id: s.platformAccountId, platform_id: s.platformId, scheduled_time: s.scheduledTime.toISOString(), local_time: s.localTime, timezone: s.timezone })),
      };
    });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const details = Array.isArray(err.details) ? (err.details as { field?: string | null; message: string; platform?: string }[]) : [];
    return { line, status: "error", title: row.content.title, errors: details.length ? details.map((d) => ({ field: d.field === "scheduled_time" ? "date" : (d.field ?? null), message: d.platform && !d.message.includes(d.platform) ? `${d.platform}: ${d.message}` : d.message })) : [{ field: null, message: err.message }] };
  }
}

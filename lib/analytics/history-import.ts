/**
 * History import (POST /api/v1/analytics/import): a team moving from another tool brings each
 * account's past results, so the best times start from them. Each row becomes an observation of
 * source "imported" (engagement_observations), slotted and rated exactly as a measured post is
 * (publishSlot, observedRate).
 *
 * All or nothing: every row is checked first (history-csv.ts); one bad row and the answer is a 400
 * listing every problem, with nothing written. Then all rows are written in one transaction.
 * Importing the same history again adds nothing: a row for an account and moment imported before
 * updates that row (engagement_observations_imported_idx). A dry run answers what would happen.
 */
import { relearnAccounts } from "../besttimes/learn";
import type { Db } from "@/db/client";
import { listAccounts } from "@/db/queries/accounts";
import { writeAudit } from "@/db/queries/audit";
import { holdAccounts, importedMoments, upsertImportedObservations, type ImportedObservation } from "@/db/queries/history-import";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { AppError } from "../errors";
import { HistoryReader, checkNotEmpty, historyRecords, type HistoryAccount, type HistoryRow, type RowProblem } from "./history-csv";
import { observedRate, publishSlot } from "./measurements";

export { HISTORY_COLUMNS, MAX_HISTORY_ROWS } from "./history-csv";

/** The largest file the route reads (413 past it): 50,000 rows of a long account name fit. */
export const MAX_HISTORY_BYTES = 10 * 1024 * 1024;

export interface HistoryProgress {
  /** check: rows read and checked; write: rows written (of `total`). */
  stage: "check" | "write";
  rows: number;
  total: number | null;
}

export interface HistoryImportOptions {
  dryRun: boolean;
  /** The clock (a row after it is in the future); tests set it. */
  now?: Date;
  onProgress?: (p: HistoryProgress) => void;
}

export interface HistoryImportResult {
  dry_run: boolean;
  /** Rows of the file (rows with every cell empty are not counted). */
  rows: number;
  /** New observations, and ones imported before whose figures were replaced (would be, in a dry run). */
  created: number;
  updated: number;
  /** Rows without impressions or reach: kept, but without a rate they teach the best times nothing. */
  without_rate: number;
  posted_from: string;
  posted_to: string;
  accounts: { id: string; name: string; platform: string; posts: number; created: number; updated: number }[];
  /** Rows read other than written: a local time the clocks skip or show twice (history-cells.ts, readInstant). */
  warnings: RowProblem[];
}

/** Rows written per statement (one JSON parameter), and between two progress reports. */
const BATCH = 1_000;
/** Rows checked between two turns of the event loop (and progress reports). */
const CHECK_SLICE = 1_000;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Reads and checks the whole file, letting other requests run between slices of rows. */
async function check(text: string, accounts: readonly HistoryAccount[], now: Date, onProgress?: HistoryImportOptions["onProgress"]) {
  const reader = new HistoryReader(accounts, now);
  let header = false;
  let read = 0;
  for (const record of historyRecords(text)) {
    if (!header) {
      reader.header(record);
      header = true;
      continue;
    }
    reader.row(record);
    if (++read % CHECK_SLICE === 0) {
      onProgress?.({ stage: "check", rows: read, total: null });
      await turn();
    }
  }
  checkNotEmpty(reader, header);
  return reader;
}

function observationOf(row: HistoryRow, actor: Actor, at: string): ImportedObservation {
  const slot = publishSlot(row.postedAt, row.timezone);
  const { rate, basis } = observedRate(row.counts);
  return {
    workspace_id: actor.workspaceId,
    platform_account_id: row.account.id,
    posted_at: row.postedAt.toISOString(),
    timezone: slot.timezone,
    weekday: slot.weekday,
    minute_of_day: slot.minuteOfDay,
    content_type: row.contentType,
    ...row.counts,
    engagement_rate: rate,
    rate_basis: basis,
    created_by: actor.userId,
    created_at: at,
    updated_at: at,
  };
}

const momentKey = (accountId: string, postedAt: Date) => `${accountId}|${postedAt.getTime()}`;

export async function importHistory(db: Db, actor: Actor, text: string, opts: HistoryImportOptions): Promise<HistoryImportResult> {
  assertCan(actor.role, "content:write");
  const now = opts.now ?? new Date();
  const accounts = await listAccounts(db, actor.workspaceId);
  const reader = await check(text, accounts, now, opts.onProgress);
  if (reader.errorRows) {
    const listed = reader.errors.length < reader.errorCount ? ` (the first ${reader.errors.length.toLocaleString("en-US")} problems are listed)` : "";
    throw new AppError(
      "bad_request:import",
      `${reader.errorRows} of ${reader.total} rows ${reader.errorRows === 1 ? "has" : "have"} errors; nothing was imported${listed}`,
      {
        dry_run: opts.dryRun,
        rows: reader.total,
        error_rows: reader.errorRows,
        error_count: reader.errorCount,
        truncated: reader.errors.length < reader.errorCount,
        errors: reader.errors,
      },
    );
  }

  const rows = reader.rows;
  const perAccount = new Map<string, { account: HistoryAccount; created: number; updated: number }>();
  for (const r of rows) if (!perAccount.has(r.account.id)) perAccount.set(r.account.id, { account: r.account, created: 0, updated: 0 });
  const accountIds = [...perAccount.keys()];
  const times = rows.map((r) => r.postedAt.getTime());
  const from = new Date(times.reduce((a, b) => Math.min(a, b)));
  const to = new Date(times.reduce((a, b) => Math.max(a, b)));
  const tally = (accountId: string, inserted: boolean) => {
    const a = perAccount.get(accountId)!;
    if (inserted) a.created++;
    else a.updated++;
  };

  if (opts.dryRun) {
    const known = new Set((await importedMoments(db, actor.workspaceId, accountIds, from, to)).map((m) => momentKey(m.platformAccountId, m.postedAt)));
    for (const r of rows) tally(r.account.id, !known.has(momentKey(r.account.id, r.postedAt)));
  } else {
    await db.transaction(async (tx) => {
      // An account removed since the file was read would make the insert fail: say which, write nothing.
      const held = await holdAccounts(tx, actor.workspaceId, accountIds);
      const gone = [...perAccount.values()].filter((a) => !held.has(a.account.id)).map((a) => a.account.name);
      if (gone.length)
        throw new AppError("conflict:account", `${gone.join(", ")} ${gone.length === 1 ? "was" : "were"} removed meanwhile; check the file again`);
      for (let i = 0; i < rows.length; i += BATCH) {
        const written = await upsertImportedObservations(
          tx,
          rows.slice(i, i + BATCH).map((r) => observationOf(r, actor, now.toISOString())),
        );
        for (const w of written) tally(w.platformAccountId, w.inserted);
        opts.onProgress?.({ stage: "write", rows: Math.min(i + BATCH, rows.length), total: rows.length });
      }
      // The models learn from the new history at once, so the heatmap and suggestions show it.
      await relearnAccounts(tx, actor.workspaceId, accountIds, now);
      await writeAudit(tx, actor, {
        action: "analytics.history_import",
        entityType: "workspace",
        entityId: actor.workspaceId,
        after: {
          rows: rows.length,
          created: sum(perAccount, "created"),
          updated: sum(perAccount, "updated"),
          posted_from: from.toISOString(),
          posted_to: to.toISOString(),
          accounts: [...perAccount.values()].map((a) => ({ id: a.account.id, name: a.account.name, created: a.created, updated: a.updated })),
        },
      });
    });
  }

  const posts = new Map<string, number>();
  for (const r of rows) posts.set(r.account.id, (posts.get(r.account.id) ?? 0) + 1);
  return {
    dry_run: opts.dryRun,
    rows: rows.length,
    created: sum(perAccount, "created"),
    updated: sum(perAccount, "updated"),
    without_rate: rows.filter((r) => observedRate(r.counts).rate === null).length,
    posted_from: from.toISOString(),
    posted_to: to.toISOString(),
    accounts: [...perAccount.values()]
      .map((a) => ({
        id: a.account.id,
        name: a.account.name,
        platform: a.account.platform,
        posts: posts.get(a.account.id)!,
        created: a.created,
        updated: a.updated,
      }))
      .sort((a, b) => a.platform.localeCompare(b.platform) || a.name.localeCompare(b.name)),
    warnings: reader.warnings,
  };
}

function sum(m: Map<string, { created: number; updated: number }>, k: "created" | "updated"): number {
  let n = 0;
  for (const v of m.values()) n += v[k];
  return n;
}

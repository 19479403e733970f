import type { Db } from "@/db/client";
import { exportContentRows, exportScheduleRows } from "@/db/queries/export";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { listContent } from "../content";
import { toCsv } from "../csv";
import { CONTENT_EXPORT_COLUMNS, contentExport } from "../csv/content-columns";
import { AppError } from "../errors";
import { createFormat, FALLBACK_LOCALE } from "../format";
import type { ContentListQuery } from "../validation/content";

export const EXPORT_LIMIT = 10_000;

/**
 * The content list as filtered and sorted on screen, every page of it, as the CSV the import reads
 * back (the same file as the API's content export): one row per post and time.
 */
export async function exportContentCsv(db: Db, actor: Actor, query: Omit<ContentListQuery, "page" | "limit">) {
  // One page as large as the cap: one count and one read, and too long a list is refused before it is read.
  const r = await listContent(db, actor, { ...query, page: 1, limit: EXPORT_LIMIT });
  if (r.total > EXPORT_LIMIT)
    throw new AppError(
      "bad_request:too_many_rows",
      `the list has more than ${createFormat({ locale: FALLBACK_LOCALE, timeZone: "UTC" }).number(EXPORT_LIMIT)} items; narrow the filters to export it`,
    );
  const rows: Record<string, unknown>[] = [];
  for await (const row of contentExport(db, actor.workspaceId, r.items)) rows.push(row);
  // A byte-order mark, so spreadsheet software reads the file as UTF-8 (the import skips it).
  return { csv: "\uFEFF" + toCsv(rows, CONTENT_EXPORT_COLUMNS), rows: r.items.length };
}

/**
 * The API's export, read as it streams: schedules in a window of their times, or content created
 * in the window as the file the CSV import reads back (one row per post and time).
 */
export function exportRowsOf(db: Db, actor: Actor, type: "schedules" | "content", from?: Date, to?: Date): AsyncIterator<Record<string, unknown>> {
  assertCan(actor.role, "content:read");
  return type === "content"
    ? contentExport(db, actor.workspaceId, exportContentRows(db, actor.workspaceId, from, to))
    : exportScheduleRows(db, actor.workspaceId, from, to);
}

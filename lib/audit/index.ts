import { z } from "zod";
import type { Db } from "@/db/client";
import { auditFilterOptions, auditRowsInBatches, countAuditRows, listAuditRows, type AuditFilter, type AuditRow } from "@/db/queries/audit-log";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { csvChunks, type CsvColumn } from "../csv";
import { dateOrDateTime, pageQuery } from "../validation/common";
import { addDaysLocal, isValidTimeZone, parseLocal, resolveLocal } from "../time";
import { changesText } from "./diff";

/** The audit trail on screen and over the API: admins only, filtered by who, what, which entity and when. */
export const auditFilterQuery = z
  .object({
    user_id: z.uuid({ message: "user_id must be a member's id" }).optional(),
    action: z.string().trim().min(1).max(100).optional(),
    entity_type: z.string().trim().min(1).max(100).optional(),
    date_from: dateOrDateTime.optional(),
    date_to: dateOrDateTime.optional(),
    timezone: z.string().trim().max(64).optional().describe("the zone bare dates are read in (default UTC)"),
  })
  .strict();
export const auditListQuery = auditFilterQuery.extend(pageQuery).strict();
export type AuditFilterQuery = z.infer<typeof auditFilterQuery>;

/** A bare date is the whole day in the zone; a date-time is taken as it is. */
function dayBound(v: string, tz: string, end: boolean): Date {
  if (v.length !== 10) return new Date(v);
  const day = parseLocal(`${v}T00:00`);
  if (!day) throw new AppError("bad_request:validation", `${v} is not a date`);
  if (!end) return resolveLocal(day, tz).instant;
  return new Date(resolveLocal(addDaysLocal(day, 1), tz).instant.getTime() - 1);
}

export function auditFilterOf(q: AuditFilterQuery): AuditFilter {
  const tz = q.timezone || "UTC";
  if (!isValidTimeZone(tz)) throw new AppError("bad_request:validation", `timezone: unknown time zone “${tz}”`);
  const from = q.date_from ? dayBound(q.date_from, tz, false) : undefined;
  const to = q.date_to ? dayBound(q.date_to, tz, true) : undefined;
  if (from && to && from > to)
    throw new AppError("bad_request:validation", "date_from must not be after date_to", [{ field: "date_from", message: "must not be after date_to" }]);
  return { userId: q.user_id, action: q.action, entityType: q.entity_type, from, to };
}

export async function listAudit(db: Db, actor: Actor, q: AuditFilterQuery & { page: number; limit: number }) {
  assertCan(actor.role, "audit:read");
  const filter = auditFilterOf(q);
  const [rows, total] = await Promise.all([
    listAuditRows(db, actor.workspaceId, filter, { limit: q.limit, offset: (q.page - 1) * q.limit }),
    countAuditRows(db, actor.workspaceId, filter),
  ]);
  return { rows, total, page: q.page, limit: q.limit, pages: Math.max(1, Math.ceil(total / q.limit)) };
}

export async function auditOptions(db: Db, actor: Actor) {
  assertCan(actor.role, "audit:read");
  return auditFilterOptions(db, actor.workspaceId);
}

export const AUDIT_CSV_COLUMNS: CsvColumn[] = [
  { key: "createdAt", header: "time_utc" },
  { key: "actorName", header: "user" },
  { key: "actorEmail", header: "email" },
  { key: "actorTokenId", header: "api_token_id" },
  { key: "action", header: "action" },
  { key: "entityType", header: "entity_type" },
  { key: "entityId", header: "entity_id" },
  { key: "changes", header: "changes" },
  { key: "before", header: "before" },
  { key: "after", header: "after" },
  { key: "ip", header: "ip" },
];

const csvRow = (r: AuditRow) => ({ ...r, changes: changesText(r.before, r.after) });

/** Every row the filter matches as CSV chunks (header first), a batch of rows at a time. */
export async function* auditCsv(db: Db, actor: Actor, q: AuditFilterQuery): AsyncGenerator<string> {
  assertCan(actor.role, "audit:read");
  const filter = auditFilterOf(q);
  yield csvChunks([], AUDIT_CSV_COLUMNS).next().value as string;
  for await (const row of auditRowsInBatches(db, actor.workspaceId, filter)) {
    const chunks = csvChunks([csvRow(row)], AUDIT_CSV_COLUMNS);
    chunks.next();
    yield chunks.next().value as string;
  }
}

/**
 * The screen's query string as a filter: empty fields are ignored; a bad filter is reported (and
 * the log shown unfiltered) rather than failing the page.
 */
export function readAuditQuery(sp: Record<string, string | string[] | undefined>, timezone: string) {
  const raw: Record<string, string> = {};
  for (const k of ["user_id", "action", "entity_type", "date_from", "date_to", "page"]) {
    const v = sp[k];
    const one = Array.isArray(v) ? v[0] : v;
    if (one && one.trim()) raw[k] = one.trim();
  }
  const words = (m: string) =>
    m
      .replace(/\bdate_from\b/g, "From")
      .replace(/\bdate_to\b/g, "To")
      .replace(/\buser_id\b/g, "User")
      .replace(/\bpage\b/g, "Page");
  const parsed = auditListQuery.safeParse({ ...raw, timezone, limit: "25" });
  if (!parsed.success)
    return {
      query: auditListQuery.parse({ timezone, limit: "25" }),
      raw,
      problem: words(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")),
    };
  try {
    auditFilterOf(parsed.data);
  } catch (err) {
    return { query: auditListQuery.parse({ timezone, limit: "25" }), raw, problem: words(err instanceof Error ? err.message : "unreadable filter") };
  }
  return { query: parsed.data, raw, problem: null };
}

import { getTableColumns } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { AppError } from "../../errors";

type Row = Record<string, unknown>;

interface ColumnInfo {
  field: string;
  column: PgColumn;
}

const cache = new WeakMap<PgTable, Map<string, ColumnInfo>>();

/** A table's columns by their database name (the archive's keys). */
export function columnsByName(table: PgTable): Map<string, ColumnInfo> {
  let m = cache.get(table);
  if (!m) {
    m = new Map(Object.entries(getTableColumns(table)).map(([field, column]) => [column.name, { field, column }]));
    cache.set(table, m);
  }
  return m;
}

/** A database row (field names, Dates) as an archive row: column names, ISO times. */
export function toArchiveRow(table: PgTable, row: Row): Row {
  const out: Row = {};
  for (const [name, { field }] of columnsByName(table)) {
    const v = row[field];
    out[name] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Rewrites every id of the exported workspace inside text and JSON (a post URL, an attempt's
 * response, a storage path, ids kept in settings) to the id the import gave that row.
 */
export function rewriteIds(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === "string") return value.replace(UUID, (m) => ids.get(m.toLowerCase()) ?? m);
  if (Array.isArray(value)) return value.map((v) => rewriteIds(v, ids));
  if (value && typeof value === "object") {
    const out: Row = {};
    for (const [k, v] of Object.entries(value)) out[rewriteIds(k, ids) as string] = rewriteIds(v, ids);
    return out;
  }
  return value;
}

const bad = (kind: string, line: number, message: string) =>
  new AppError("bad_request:archive_rows", `${kind}, line ${line}: ${message}`, [{ field: `${kind}:${line}`, message }]);

const JS_TYPE: Record<string, string> = { string: "string", number: "number", boolean: "boolean" };

/** A value of the JSON type the column holds (a number for an integer, a list for an array …). */
function fits(column: PgColumn, value: unknown): boolean {
  if (column.dataType === "array") {
    const base = (column as unknown as { baseColumn?: PgColumn }).baseColumn;
    return Array.isArray(value) && (!base || value.every((v) => v === null || fits(base, v)));
  }
  const want = JS_TYPE[column.dataType];
  return !want || typeof value === want;
}

export interface DecodeRules {
  /** Columns whose text is kept as it was, ids and all (idempotency keys: the platforms know them). */
  verbatim?: string[];
}

/**
 * An archive row as the insert needs it: field names, ids mapped (a reference to a row the
 * archive does not have, e.g. a person who is not imported, becomes null where the column
 * allows), times as Dates. A column this build does not know means a newer or foreign archive.
 */
export function fromArchiveRow(kind: string, line: number, table: PgTable, row: Row, ids: Map<string, string>, rules: DecodeRules = {}): Row {
  const cols = columnsByName(table);
  const out: Row = {};
  for (const [name, raw] of Object.entries(row)) {
    const info = cols.get(name);
    if (!info) throw bad(kind, line, `unknown column "${name}" (an archive of a newer version?)`);
    const { field, column } = info;
    if (raw === null || raw === undefined) {
      out[field] = null;
      continue;
    }
    if (!fits(column, raw)) throw bad(kind, line, `${name} is not a ${column.dataType}`);
    const sqlType = column.getSQLType();
    if (column.columnType === "PgUUID") {
      if (typeof raw !== "string") throw bad(kind, line, `${name} is not an id`);
      const mapped = ids.get(raw.toLowerCase()) ?? null;
      if (mapped === null && column.notNull) throw bad(kind, line, `${name} points at ${raw}, which is not in the archive`);
      out[field] = mapped;
    } else if (sqlType === "uuid[]") {
      if (!Array.isArray(raw)) throw bad(kind, line, `${name} is not a list of ids`);
      out[field] = raw.flatMap((v) => (typeof v === "string" && ids.has(v.toLowerCase()) ? [ids.get(v.toLowerCase())!] : []));
    } else if (column.dataType === "date") {
      const d = typeof raw === "string" ? new Date(raw) : null;
      if (!d || Number.isNaN(d.getTime())) throw bad(kind, line, `${name} is not a time`);
      out[field] = d;
    } else if (rules.verbatim?.includes(name)) {
      out[field] = raw;
    } else {
      out[field] = rewriteIds(raw, ids);
    }
  }
  return out;
}

/**
 * The file of a history import (POST /analytics/import), read and checked without a database:
 * one post's result a row, every problem of every row with its row number as a spreadsheet shows
 * it (the header is row 1) and its column. lib/analytics/history-import.ts writes what this reads.
 *
 * File rules: UTF-8 CSV (a byte-order mark is fine, CRLF or LF), a header naming exactly
 * HISTORY_COLUMNS in any order and any letter case (columns with an empty header, the trailing
 * commas some spreadsheets write, are ignored while their cells are empty), then one row per
 * post. Rows whose cells are all empty are skipped. Cell rules: history-cells.ts.
 */
import { toCsv, unneutralise } from "../csv";
import { CsvError, Tokenizer, type CsvRecord } from "../csv/tokenizer";
import { AppError } from "../errors";
import { DAY_MS, formatLocal, utcToLocal } from "../time";
import { readAccount, readContentType, readCount, readInstant, readLocal, readZone, zoneOffsets, type ContentType, type HistoryAccount } from "./history-cells";

export type { ContentType, HistoryAccount } from "./history-cells";

export const COUNT_COLUMNS = ["impressions", "reach", "likes", "comments", "shares", "clicks"] as const;
export type CountColumn = (typeof COUNT_COLUMNS)[number];
export const HISTORY_COLUMNS = ["account", "posted_at", "timezone", "content_type", ...COUNT_COLUMNS] as const;
export type HistoryColumn = (typeof HISTORY_COLUMNS)[number];

/** Rows a file may have (a split file imports the same as a whole one: rows are keyed by account and moment). */
export const MAX_HISTORY_ROWS = 50_000;
/** Problems listed in an answer; the counts cover them all. */
export const MAX_LISTED_PROBLEMS = 1_000;

/** A problem (or a warning) of the file: row 1 is the header. `column` is null for the row as a whole. */
export interface RowProblem {
  row: number;
  column: string | null;
  message: string;
}

/** A row that passed every check. */
export interface HistoryRow {
  row: number;
  account: HistoryAccount;
  postedAt: Date;
  timezone: string;
  contentType: ContentType;
  /** null: the cell was empty (not reported), which is not the same as 0. */
  counts: Record<CountColumn, number | null>;
}

export interface HistoryRecord {
  /** The row as a spreadsheet numbers it: a line break inside a quoted cell does not start a row. */
  row: number;
  cells: string[];
}

const breaks = (cells: string[]) => cells.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);

/**
 * The file's records, header first, each with its row number. Broken quoting is a 400 naming the
 * row; more than `maxRows` rows after the header a 413 (the file is not read further).
 */
export function* historyRecords(text: string, maxRows = MAX_HISTORY_ROWS): Generator<HistoryRecord> {
  const tokenizer = new Tokenizer();
  const out: CsvRecord[] = [];
  // Physical lines that were line breaks inside quoted cells so far: a spreadsheet shows none of them as rows.
  let inCells = 0;
  let records = 0;
  function* drain(): Generator<HistoryRecord> {
    for (const r of out) {
      if (++records > maxRows + 1)
        throw new AppError(
          "payload_too_large:rows",
          `the file has more than ${maxRows.toLocaleString("en-US")} rows; split it (importing part by part gives the same result)`,
          {
            limit_rows: maxRows,
          },
        );
      const row = r.line - inCells;
      inCells += breaks(r.record);
      yield { row, cells: r.record };
    }
    out.length = 0;
  }
  try {
    for (let i = 0; i < text.length; i += 65_536) {
      tokenizer.push(text.slice(i, i + 65_536), out);
      yield* drain();
    }
    tokenizer.end(out);
    yield* drain();
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const row = err.line - inCells;
    const message = `row ${row}: ${err.message.replace(/^Line \d+: /, "")}`;
    throw new AppError("bad_request:csv", message, { errors: [{ row, column: null, message: err.message.replace(/^Line \d+: /, "") }] });
  }
}

/** "A", "B" … "Z", "AA": a column as a spreadsheet names it. */
function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const EXPECTED = `the header must name exactly these columns, in any order: ${HISTORY_COLUMNS.join(", ")}`;
const isColumn = (name: string): name is HistoryColumn => (HISTORY_COLUMNS as readonly string[]).includes(name);

/** Checks the rows of one file in order; `header` first. Collects rows, problems and warnings. */
export class HistoryReader {
  readonly rows: HistoryRow[] = [];
  /** The first MAX_LISTED_PROBLEMS problems. */
  readonly errors: RowProblem[] = [];
  readonly warnings: RowProblem[] = [];
  /** Rows read (all-empty rows not counted), rows with problems, and every problem. */
  total = 0;
  errorRows = 0;
  errorCount = 0;
  private index = new Map<HistoryColumn, number>();
  private width = 0;
  private unnamed: number[] = [];
  private seen = new Map<string, number>();
  private offsets = zoneOffsets();

  constructor(
    private readonly accounts: readonly HistoryAccount[],
    private readonly now: Date,
  ) {}

  /** The header row; every problem of it in one 400. */
  header({ row, cells }: HistoryRecord): void {
    if (cells.every((c) => c.trim() === ""))
      throw new AppError("bad_request:csv", `row ${row} is empty: ${EXPECTED}`, { errors: [{ row, column: null, message: "is empty" }] });
    const problems: RowProblem[] = [];
    this.width = cells.length;
    cells.forEach((raw, i) => {
      const name = raw.trim().toLowerCase();
      if (!name) return void this.unnamed.push(i);
      if (!isColumn(name)) {
        const near = name.replace(/[\s-]+/g, "_");
        const hint = isColumn(near) ? `; did you mean ${near}?` : `: ${EXPECTED}`;
        return void problems.push({ row, column: raw.trim(), message: `unknown column${hint}` });
      }
      if (this.index.has(name))
        return void problems.push({ row, column: name, message: `appears twice (columns ${columnLetter(this.index.get(name)!)} and ${columnLetter(i)})` });
      this.index.set(name, i);
    });
    for (const c of HISTORY_COLUMNS) if (!this.index.has(c)) problems.push({ row, column: c, message: "is missing from the header" });
    if (!problems.length) return;
    const unknown = problems.filter((p) => p.message.startsWith("unknown")).map((p) => p.column);
    const missing = problems.filter((p) => p.message.startsWith("is missing")).map((p) => p.column);
    const twice = problems.filter((p) => p.message.startsWith("appears")).map((p) => p.column);
    const said = [
      unknown.length ? `unknown column${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}` : "",
      missing.length ? `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}` : "",
      twice.length ? `column${twice.length > 1 ? "s" : ""} named twice: ${twice.join(", ")}` : "",
    ].filter(Boolean);
    throw new AppError("bad_request:csv", `${said.join("; ")}: ${EXPECTED}`, { errors: problems });
  }

  /** One data row: kept when every cell is right, else every problem of it is listed. */
  row({ row, cells }: HistoryRecord): void {
    if (cells.every((c) => c.trim() === "")) return;
    this.total++;
    const problems: RowProblem[] = [];
    const add = (column: string | null, message: string) => problems.push({ row, column, message });
    if (cells.length < this.width || cells.slice(this.width).some((c) => c.trim() !== "")) {
      add(null, `has ${cells.length} cells where the header has ${this.width}`);
      return this.fail(problems);
    }
    for (const i of this.unnamed) if (cells[i]!.trim()) add(null, `column ${columnLetter(i)} has a value but no header; remove it or name the column`);
    const cell = (c: HistoryColumn) => unneutralise(cells[this.index.get(c)!] ?? "");

    const account = readAccount(cell("account"), this.accounts);
    if (!account.ok) add("account", account.message);
    const local = readLocal(cell("posted_at"));
    const zone = readZone(cell("timezone"));
    const instant = local.ok && zone.ok ? readInstant(local.value, zone.value, this.now, this.offsets) : null;
    if (!local.ok) add("posted_at", local.message);
    else if (instant && !instant.ok) add("posted_at", instant.message);
    if (!zone.ok) add("timezone", zone.message);
    const type = readContentType(cell("content_type"));
    if (!type.ok) add("content_type", type.message);
    const counts = {} as Record<CountColumn, number | null>;
    for (const c of COUNT_COLUMNS) {
      const n = readCount(cell(c));
      if (n.ok) counts[c] = n.value;
      else add(c, n.message);
    }
    if (account.ok && instant?.ok) {
      const key = `${account.value.id}|${instant.value.getTime()}`;
      const first = this.seen.get(key);
      if (first !== undefined) add("posted_at", `repeats row ${first}: the same account and moment (one row per post)`);
      else this.seen.set(key, row);
    }
    if (problems.length || !account.ok || !instant?.ok || !zone.ok || !type.ok) return this.fail(problems);
    if (instant.warning && this.warnings.length < MAX_LISTED_PROBLEMS) this.warnings.push({ row, column: "posted_at", message: instant.warning });
    this.rows.push({ row, account: account.value, postedAt: instant.value, timezone: zone.value, contentType: type.value, counts });
  }

  private fail(problems: RowProblem[]): void {
    this.errorRows++;
    this.errorCount += problems.length;
    for (const p of problems) if (this.errors.length < MAX_LISTED_PROBLEMS) this.errors.push(p);
  }
}

/** The whole file at once (the import reads it row by row, to report progress and yield between rows). */
export function readHistoryCsv(text: string, opts: { accounts: readonly HistoryAccount[]; now: Date; maxRows?: number }): HistoryReader {
  const reader = new HistoryReader(opts.accounts, opts.now);
  let header = false;
  for (const record of historyRecords(text, opts.maxRows)) {
    if (!header) {
      reader.header(record);
      header = true;
    } else reader.row(record);
  }
  checkNotEmpty(reader, header);
  return reader;
}

/** A file without a header, or without a row after it, is refused as such. */
export function checkNotEmpty(reader: HistoryReader, sawHeader: boolean): void {
  if (!sawHeader) throw new AppError("bad_request:csv", `the file is empty: ${EXPECTED}, then one row per post`, { errors: [] });
  if (!reader.total) throw new AppError("bad_request:csv", "the file has a header but no rows: add one row per post under it", { errors: [] });
}

/**
 * A small file in the import's format for people to start from: the header and two rows on the
 * workspace's first accounts (or a placeholder name), yesterday and the day before in `zone`.
 */
export function historyTemplate(accountNames: readonly string[], zone: string, now: Date): string {
  const day = (n: number) => formatLocal(utcToLocal(new Date(now.getTime() - n * DAY_MS), zone)).slice(0, 10);
  const name = (i: number) => accountNames[i] ?? accountNames[0] ?? "Your account";
  const rows = [
    { account: name(0), posted_at: `${day(2)} 09:30`, timezone: zone, content_type: "post", impressions: 1200, likes: 48, comments: 6, shares: 3, clicks: 10 },
    { account: name(1), posted_at: `${day(1)} 18:00`, timezone: zone, content_type: "thread", reach: 900, likes: 31, comments: 4 },
  ];
  return toCsv(
    rows,
    HISTORY_COLUMNS.map((c) => ({ key: c, header: c })),
  );
}

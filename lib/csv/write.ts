/** CSV export: RFC 4180 output (CRLF, minimal quoting) that is safe to open in spreadsheet software. */
import { checkDelimiter, type CsvOptions } from "./tokenizer";

export interface CsvColumn {
  key: string;
  header: string;
}

// Spreadsheet formula injection (OWASP "CSV Injection"): a text cell starting with one of these is
// executed as a formula by Excel/Sheets/LibreOffice, so it gets a leading ' which they show as text.
// Tab and CR are on OWASP's list too. Real numbers are never prefixed, so -5 stays a number.
// A text that already starts with ' before one of them gets one more, so the import can take
// exactly one off again (`unneutralise`) and every text comes back as it was.
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** Undoes the export's formula guard on a cell read back from one of its files. */
export function unneutralise(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

function cell(value: unknown, delimiter: string): string {
  let text: string;
  if (value === null || value === undefined) text = "";
  else if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") text = String(value);
  else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? "" : value.toISOString();
  else {
    text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
    if (FORMULA_START.test(text)) text = `'${text}`;
  }
  const needsQuotes = text.includes(delimiter) || /["\r\n]/.test(text);
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header line, then one CRLF-terminated chunk per row, so a route can stream a large export. */
export function* csvChunks(rows: Iterable<Record<string, unknown>>, columns: CsvColumn[], opts: CsvOptions = {}): Generator<string> {
  const delimiter = checkDelimiter(opts.delimiter ?? ",");
  yield columns.map((c) => cell(c.header, delimiter)).join(delimiter) + "\r\n";
  for (const row of rows) yield columns.map((c) => cell(row[c.key], delimiter)).join(delimiter) + "\r\n";
}

export function toCsv(rows: Iterable<Record<string, unknown>>, columns: CsvColumn[], opts: CsvOptions = {}): string {
  let out = "";
  for (const chunk of csvChunks(rows, columns, opts)) out += chunk;
  return out;
}

import { CsvError, parseCsvText } from "@/lib/csv";

/**
 * The import wizard sends a file in slices so its progress bar follows what the server has really
 * done. Slicing needs the records (a quoted field may hold line breaks), so the file is read with
 * the server's own CSV parser; each slice is the header plus some records, written back as CSV.
 */
export interface CsvSlice {
  text: string;
  /** Physical line in the original file of each record in the slice, in order. */
  lines: number[];
}

export type Sliced = { ok: true; rows: number; slices: CsvSlice[] } | { ok: false; message: string };

const quote = (field: string) => `"${field.replace(/"/g, '""')}"`;
const line = (record: string[]) => record.map(quote).join(",") + "\r\n";

/** Decodes the file the way the server does: UTF-8 or a clear refusal. */
export function decodeCsv(bytes: ArrayBuffer): { ok: true; text: string } | { ok: false; message: string } {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, message: "The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8” and choose it again." };
  }
}

/**
 * About twenty slices (so the bar moves visibly even for a short file), each under `maxRecords`
 * rows and `maxBytes` of text (server actions accept 1 MB a request).
 */
export function sliceCsv(text: string, opts: { maxRecords?: number; maxBytes?: number; maxRows?: number } = {}): Sliced {
  const maxRecords = opts.maxRecords ?? 100;
  // Characters, not bytes: a quarter of a million stays under 1 MB even in three-byte UTF-8.
  const maxBytes = opts.maxBytes ?? 256 * 1024;
  let records;
  try {
    records = parseCsvText(text);
  } catch (err) {
    if (err instanceof CsvError) return { ok: false, message: err.message };
    throw err;
  }
  const [header, ...rows] = records;
  if (!header) return { ok: false, message: "The file is empty: it needs a header row (title, content, …) and one row per post." };
  if (!rows.length) return { ok: false, message: "The file has a header row but no posts under it." };
  if (opts.maxRows !== undefined && rows.length > opts.maxRows) return { ok: false, message: `The file has ${rows.length.toLocaleString("en")} rows; an import can have at most ${opts.maxRows.toLocaleString("en")}. Split it.` };
  const head = line(header.record);
  const per = Math.max(1, Math.min(maxRecords, Math.ceil(rows.length / 20)));
  const slices: CsvSlice[] = [];
  let cur: CsvSlice = { text: head, lines: [] };
  for (const r of rows) {
    const l = line(r.record);
    if (cur.lines.length && (cur.lines.length >= per || cur.text.length + l.length > maxBytes)) {
      slices.push(cur);
      cur = { text: head, lines: [] };
    }
    cur.text += l;
    cur.lines.push(r.line);
  }
  slices.push(cur);
  return { ok: true, rows: rows.length, slices };
}

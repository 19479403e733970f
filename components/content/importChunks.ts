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
export function sliceCsv(text: string, opts: { maxRecords?: number; maxBytes?: number; maxRows?: number; formatNumber?: (n: number) => string } = {}): Sliced {
  const num = opts.formatNumber ?? ((n: number) => n.toLocaleString("en-US"));
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
  if (opts.maxRows !== undefined && rows.length > opts.maxRows)
    return { ok: false, message: `The file has ${num(rows.length)} rows; an import can have at most ${num(opts.maxRows)}. Split it.` };
  const head = line(header.record);
  // Rows with the same content_item_id are one post (an export writes a row per time): they go
  // in the same slice, the first of them first, so the server joins them again.
  // Rows with the same title and body go together too: the server recognises a row that repeats
  // an earlier one of the file only within one slice, in the check as in the import.
  const column = (name: string) =>
    header.record.findIndex(
      (h) =>
        h
          .replace(/^\uFEFF/, "")
          .trim()
          .toLowerCase() === name,
    );
  const [keyAt, titleAt, bodyAt] = [column("content_item_id"), column("title"), column("content")];
  const cell = (r: (typeof rows)[number], at: number) => (at >= 0 ? (r.record[at] ?? "") : "").replace(/\r\n?/g, "\n").trim();
  const groups = new Map<string, typeof rows>();
  rows.forEach((r, i) => {
    const key =
      keyAt >= 0 && r.record[keyAt]?.trim()
        ? `k:${r.record[keyAt]!.trim()}`
        : titleAt >= 0
          ? `t:${cell(r, titleAt).toLowerCase()}\u0000${cell(r, bodyAt)}`
          : `r:${i}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  });
  const per = Math.max(1, Math.min(maxRecords, Math.ceil(rows.length / 20)));
  const slices: CsvSlice[] = [];
  let cur: CsvSlice = { text: head, lines: [] };
  for (const group of groups.values()) {
    const text = group.map((r) => line(r.record)).join("");
    if (cur.lines.length && (cur.lines.length + group.length > per || cur.text.length + text.length > maxBytes)) {
      slices.push(cur);
      cur = { text: head, lines: [] };
    }
    cur.text += text;
    cur.lines.push(...group.map((r) => r.line));
  }
  slices.push(cur);
  return { ok: true, rows: rows.length, slices };
}

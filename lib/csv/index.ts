/**
 * RFC 4180 CSV, hand-written so imports can stream (request bodies, files) with exact line numbers
 * for error reports, and exports are safe to open in spreadsheet software.
 */

import { CsvError, Tokenizer, type CsvOptions, type CsvRecord } from "./tokenizer";

export { CsvError, type CsvOptions, type CsvRecord } from "./tokenizer";
export { csvChunks, toCsv, unneutralise, type CsvColumn } from "./write";

function* slices(text: string, size = 65_536): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** Streams records; memory stays bounded by the chunk size plus the largest record. */
export async function* parseCsv(source: string | AsyncIterable<string | Uint8Array>, opts: CsvOptions = {}): AsyncGenerator<CsvRecord> {
  const tokenizer = new Tokenizer(opts.delimiter);
  // fatal: a Latin-1/Windows-1252 export should be reported, not silently turned into U+FFFD.
  // ignoreBOM: the tokenizer strips it, so string and byte sources behave the same.
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new CsvError(tokenizer.currentLine, "input is not valid UTF-8");
    }
  };
  const out: CsvRecord[] = [];
  const chunks = typeof source === "string" ? slices(source) : source;
  for await (const chunk of chunks) {
    tokenizer.push(typeof chunk === "string" ? decode() + chunk : decode(chunk), out);
    yield* out;
    out.length = 0;
  }
  tokenizer.push(decode(), out);
  tokenizer.end(out);
  yield* out;
}

export function parseCsvText(text: string, opts: CsvOptions = {}): CsvRecord[] {
  const tokenizer = new Tokenizer(opts.delimiter);
  const out: CsvRecord[] = [];
  tokenizer.push(text, out);
  tokenizer.end(out);
  return out;
}

export type HeaderedRow = { line: number; values: Record<string, string>; error?: undefined } | { line: number; error: string; values?: undefined };

/**
 * Reads a header row, then yields one entry per data row. Values are keyed by the spelling given in
 * `required`/`known` (so `scheduledAt` matches a `ScheduledAt ` header), else by the lowercased header.
 * Columns with a blank header (trailing commas from spreadsheets) are ignored.
 */
export async function* readHeaderedRows(
  source: string | AsyncIterable<string | Uint8Array>,
  opts: { required: string[]; known?: string[]; delimiter?: string },
): AsyncGenerator<HeaderedRow> {
  const canonical = new Map([...opts.required, ...(opts.known ?? [])].map((name) => [name.trim().toLowerCase(), name]));
  let columns: (string | undefined)[] | undefined;
  for await (const { line, record } of parseCsv(source, opts)) {
    if (!columns) {
      const headers = record.map((h) => h.replace(/^\uFEFF/, "").trim());
      columns = headers.map((h) => (h ? (canonical.get(h.toLowerCase()) ?? h.toLowerCase()) : undefined));
      const present = columns.filter((c): c is string => c !== undefined);
      const problems: string[] = [];
      const duplicate = present.filter((c, i) => present.indexOf(c) !== i);
      if (duplicate.length) problems.push(`duplicate column(s): ${[...new Set(duplicate)].join(", ")}`);
      const missing = opts.required.filter((r) => !present.includes(r));
      if (missing.length) problems.push(`missing required column(s): ${missing.join(", ")}`);
      const unknown = opts.known ? headers.filter((h) => h && !canonical.has(h.toLowerCase())) : [];
      if (unknown.length) problems.push(`unknown column(s): ${unknown.join(", ")}`);
      if (problems.length) throw new CsvError(line, problems.join("; "));
      continue;
    }
    if (record.length !== columns.length) {
      yield { line, error: `expected ${columns.length} fields, found ${record.length}` };
      continue;
    }
    const values: Record<string, string> = {};
    columns.forEach((c, i) => {
      if (c !== undefined) values[c] = record[i] ?? "";
    });
    yield { line, values };
  }
  if (!columns) throw new CsvError(1, "missing header row");
}

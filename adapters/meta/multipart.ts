/**
 * multipart/form-data (RFC 7578) for Graph uploads that carry bytes (`source` on
 * /{page-id}/photos), plus the matching parser the fakes use. Kept tiny: fields are text or one
 * file each, which is all the Graph API takes.
 */
import crypto from "node:crypto";

export type MultipartField = { name: string; value: string } | { name: string; file: Buffer; filename: string; contentType: string };

const quote = (s: string) => s.replace(/["\r\n\\]/g, "_");

export function multipartBody(fields: MultipartField[]): { body: Buffer; contentType: string } {
  const boundary = `----scheduler${crypto.randomBytes(12).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const f of fields) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quote(f.name)}"`;
    if ("file" in f) head += `; filename="${quote(f.filename)}"\r\nContent-Type: ${f.contentType}`;
    chunks.push(Buffer.from(`${head}\r\n\r\n`), "file" in f ? f.file : Buffer.from(f.value, "utf8"), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface ParsedPart {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

/** Parses a multipart body; null when the content type is not multipart or the body is malformed. */
export function parseMultipart(raw: Buffer, contentType: string | undefined): ParsedPart[] | null {
  const m = contentType ? /^multipart\/form-data;\s*boundary="?([^";]+)"?/i.exec(contentType) : null;
  if (!m) return null;
  const delimiter = Buffer.from(`--${m[1]}`);
  const parts: ParsedPart[] = [];
  let pos = raw.indexOf(delimiter);
  if (pos < 0) return null;
  for (;;) {
    pos += delimiter.length;
    if (raw.subarray(pos, pos + 2).toString() === "--") return parts;
    const headEnd = raw.indexOf("\r\n\r\n", pos);
    const next = raw.indexOf(delimiter, headEnd);
    if (headEnd < 0 || next < 0) return null;
    const head = raw.subarray(pos, headEnd).toString("utf8");
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (name === undefined) return null;
    parts.push({
      name,
      filename: /filename="([^"]*)"/i.exec(head)?.[1] ?? null,
      contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? null,
      data: raw.subarray(headEnd + 4, next - 2), // the CRLF before the delimiter belongs to it
    });
    pos = next;
  }
}

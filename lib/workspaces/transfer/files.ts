import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A file written chunk by chunk, hashed and counted as it goes. */
export class HashedFile {
  private readonly out: fs.WriteStream;
  private readonly hash = crypto.createHash("sha256");
  bytes = 0;
  rows = 0;

  constructor(readonly file: string) {
    this.out = fs.createWriteStream(file, { mode: 0o600 });
  }

  async write(chunk: Uint8Array | string): Promise<void> {
    const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    this.hash.update(buf);
    this.bytes += buf.byteLength;
    if (!this.out.write(buf)) await new Promise<void>((r) => this.out.once("drain", () => r()));
  }

  /** One NDJSON line. */
  line(value: unknown): Promise<void> {
    this.rows++;
    return this.write(JSON.stringify(value) + "\n");
  }

  async close(): Promise<{ bytes: number; sha256: string; rows: number }> {
    await new Promise<void>((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    return { bytes: this.bytes, sha256: this.hash.digest("hex"), rows: this.rows };
  }

  /** Closes without keeping anything (an error mid-write). */
  async abandon(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (this.out.closed) return resolve();
      this.out.once("close", () => resolve());
      this.out.destroy();
    });
  }
}

/** SHA-256 and size of a file already on disk. */
export async function hashFile(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = crypto.createHash("sha256");
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).byteLength;
  }
  return { bytes, sha256: hash.digest("hex") };
}

/** The longest NDJSON line read: a row is a few KiB; a longer line is a forged archive, not data. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * The lines of an NDJSON file, parsed, with their line numbers; a line that is not JSON is `null`.
 * A line longer than `maxLine` bytes is refused before it is read whole.
 */
export async function* readNdjson(file: string, maxLine = MAX_LINE_BYTES): AsyncGenerator<{ line: number; value: unknown }> {
  let line = 0;
  let parts: Buffer[] = [];
  let size = 0;
  const parse = (buf: Buffer) => {
    const text = buf.toString("utf8").replace(/\r$/, "");
    if (text === "") return undefined;
    try {
      return { line, value: JSON.parse(text) as unknown };
    } catch {
      return { line, value: null };
    }
  };
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    let from = 0;
    for (let nl = chunk.indexOf(10, from); nl >= 0; nl = chunk.indexOf(10, from)) {
      if (size + nl - from > maxLine) throw new LineTooLong(line + 1, maxLine);
      parts.push(chunk.subarray(from, nl));
      line++;
      const out = parse(Buffer.concat(parts));
      parts = [];
      size = 0;
      from = nl + 1;
      if (out) yield out;
    }
    size += chunk.byteLength - from;
    if (size > maxLine) throw new LineTooLong(line + 1, maxLine);
    if (from < chunk.byteLength) parts.push(chunk.subarray(from));
  }
  if (size > 0) {
    line++;
    const out = parse(Buffer.concat(parts));
    if (out) yield out;
  }
}

export class LineTooLong extends Error {
  constructor(
    readonly line: number,
    readonly limit: number,
  ) {
    super(`line ${line} is longer than ${limit / 1024 / 1024} MiB`);
  }
}

/** A fresh folder for one export or import, under `parent`; removed by the returned function. */
export async function scratchDir(parent: string, prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  await fs.promises.mkdir(parent, { recursive: true });
  const dir = await fs.promises.mkdtemp(path.join(parent, prefix));
  return { dir, remove: () => fs.promises.rm(dir, { recursive: true, force: true }) };
}

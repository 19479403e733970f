import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";

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

/** The lines of an NDJSON file, parsed, with their line numbers; a line that is not JSON is `null`. */
export async function* readNdjson(file: string): AsyncGenerator<{ line: number; value: unknown }> {
  const rl = readline.createInterface({ input: fs.createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (text === "") continue;
    let value: unknown = null;
    try {
      value = JSON.parse(text);
    } catch {
      value = null;
    }
    yield { line, value };
  }
}

/** A fresh folder for one export or import, under `parent`; removed by the returned function. */
export async function scratchDir(parent: string, prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  await fs.promises.mkdir(parent, { recursive: true });
  const dir = await fs.promises.mkdtemp(path.join(parent, prefix));
  return { dir, remove: () => fs.promises.rm(dir, { recursive: true, force: true }) };
}

import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import tar from "tar-stream";
import { AppError } from "../../errors";
import { ARCHIVE_FORMAT, FORMAT_VERSION, MANIFEST_NAME, manifestSchema, schemaAge, type Manifest } from "./format";
import { HashedFile } from "./files";

/** The largest archive taken (media included), and the most its contents may unpack to. */
export const MAX_ARCHIVE_BYTES = 2 * 1024 * 1024 * 1024;
const MAX_UNPACKED_BYTES = 4 * MAX_ARCHIVE_BYTES;
const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;
/** Tar's framing: a 512-byte header per entry (two with a long-name or pax header), data padded to 512, two end blocks. */
const BLOCK = 512;
const HEADERS_PER_ENTRY = 3;
/** End blocks, and a writer that pads the tar to its 10 KiB record (GNU tar does). */
const TAIL_SLACK = 20 * BLOCK;
const padded = (n: number) => Math.ceil(n / BLOCK) * BLOCK;

const notArchive = (why: string) =>
  new AppError("bad_request:not_an_archive", `this is not a workspace archive (${why}); upload the .tar.gz file that Settings → Backup exported`);
const damaged = (why: string) => new AppError("bad_request:archive_damaged", `the archive is damaged: ${why}; nothing was imported`);
const truncated = (why: string) => new AppError("bad_request:archive_truncated", `the archive is incomplete: ${why}; upload the whole file again`);
const newer = (why: string) => new AppError("bad_request:archive_newer", `${why}: update this server first; nothing was imported`);

/** A stream error as what it says about the file (before its manifest was read: not one of ours). */
function explain(err: unknown, started: boolean): AppError {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; message?: string };
  const msg = e.message ?? "";
  if (e.code === "Z_BUF_ERROR" || /unexpected end/i.test(msg)) return truncated("it ends too early");
  // Compressed data that does not decompress: the gzip signature was right, the rest is broken.
  if (e.code?.startsWith("Z_")) return damaged(msg.replace(/\.$/, "") || "unreadable data");
  if (!started) return notArchive("it is not a tar archive");
  return damaged(msg || "unreadable data");
}

async function readEntry(entry: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of entry) {
    n += c.byteLength;
    if (n > limit) throw damaged("the manifest is too large");
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

function parseManifest(bytes: Buffer): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw damaged("its manifest is not readable JSON");
  }
  const head = raw as { format?: unknown; format_version?: unknown; schema_version?: unknown };
  if (head?.format !== ARCHIVE_FORMAT) throw notArchive("its manifest is of another program");
  if (typeof head.format_version === "number" && head.format_version > FORMAT_VERSION)
    throw newer(`the archive has format ${head.format_version}; this server reads up to ${FORMAT_VERSION}`);
  if (typeof head.schema_version === "string" && schemaAge(head.schema_version) === "newer")
    throw newer(`the archive comes from a newer version (database ${head.schema_version})`);
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw damaged(`its manifest is malformed (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message})`);
  const total = parsed.data.files.reduce((n, f) => n + f.bytes, 0);
  if (total > MAX_UNPACKED_BYTES) throw damaged("its manifest lists more than this server unpacks");
  if (new Set(parsed.data.files.map((f) => f.path)).size !== parsed.data.files.length) throw damaged("its manifest lists a file twice");
  return parsed.data;
}

/**
 * What the gzip stream unpacks to, refused past `limit` bytes: a small archive must not unpack
 * without end (tar-stream skips zero blocks as long as they come). Until the manifest is read the
 * limit is the manifest's own; then it is what the manifest lists, with tar's framing.
 */
class Unpacked extends Transform {
  bytes = 0;
  constructor(public limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null, data?: Buffer) => void) {
    this.bytes += chunk.byteLength;
    if (this.bytes > this.limit) return done(damaged("it unpacks to more than its manifest lists"));
    done(null, chunk);
  }
}

/** The most a tar of these files (manifest first) may hold, framing and end blocks included. */
function tarBound(manifestBytes: number, files: Manifest["files"]): number {
  const entry = (n: number) => HEADERS_PER_ENTRY * BLOCK + padded(n);
  return files.reduce((n, f) => n + entry(f.bytes), entry(manifestBytes)) + TAIL_SLACK;
}

/** The bytes in, passing the first two on for a look at the gzip signature. */
async function* peeked(source: AsyncIterable<Uint8Array>, onHead: (head: Buffer) => void): AsyncGenerator<Uint8Array> {
  let head = Buffer.alloc(0);
  let told = false;
  for await (const chunk of source) {
    if (!told) {
      head = Buffer.concat([head, chunk]);
      if (head.length >= 2) {
        told = true;
        onHead(head);
      }
    }
    yield chunk;
  }
  if (!told) onHead(head);
}

/**
 * Unpacks an uploaded archive into `dir`, checking as it goes: the gzip signature, the manifest
 * first (its format and schema version before anything else is read), then every entry against
 * the manifest's size and SHA-256, and at the end that none is missing. Any flaw is a 400 naming
 * it; nothing is written outside `dir`, which the caller removes.
 */
export async function unpackArchive(body: AsyncIterable<Uint8Array>, dir: string): Promise<Manifest> {
  const extract = tar.extract();
  let manifest: Manifest | null = null;
  let signatureError: AppError | null = null;
  const source = Readable.from(
    peeked(body, (head) => {
      if (head.length < 2 || head[0] !== 0x1f || head[1] !== 0x8b) signatureError = notArchive(head.length ? "it is not gzip-compressed" : "it is empty");
    }),
  );
  const gunzip = zlib.createGunzip();
  const unpacked = new Unpacked(MAX_MANIFEST_BYTES + 1024 * 1024);
  const piping = pipeline(source, gunzip, unpacked, extract).catch((err) => err as Error);
  let listed = new Map<string, Manifest["files"][number]>();
  const seen = new Set<string>();
  try {
    for await (const entry of extract) {
      if (signatureError) throw signatureError;
      const name = entry.header.name;
      if (!manifest) {
        if (name !== MANIFEST_NAME) throw notArchive("it does not start with manifest.json");
        const head = await readEntry(entry as AsyncIterable<Buffer>, MAX_MANIFEST_BYTES);
        manifest = parseManifest(head);
        listed = new Map(manifest.files.map((f) => [f.path, f]));
        unpacked.limit = tarBound(head.byteLength, manifest.files);
        await fs.promises.mkdir(path.join(dir, "data"));
        await fs.promises.mkdir(path.join(dir, "media"));
        continue;
      }
      const file = listed.get(name);
      if (!file || seen.has(name) || entry.header.type !== "file")
        throw damaged(`it holds ${JSON.stringify(name.slice(0, 80))}, which its manifest does not list`);
      if (entry.header.size !== file.bytes) throw damaged(`${name} has ${entry.header.size} bytes where the manifest says ${file.bytes}`);
      seen.add(name);
      const out = new HashedFile(path.join(dir, name));
      try {
        for await (const chunk of entry as AsyncIterable<Buffer>) await out.write(chunk);
      } catch (err) {
        await out.abandon();
        throw err;
      }
      const done = await out.close();
      if (done.bytes !== file.bytes) throw truncated(`${name} ends early`);
      if (done.sha256 !== file.sha256) throw damaged(`${name} does not match its checksum`);
    }
  } catch (err) {
    extract.destroy();
    const pipeErr = await piping;
    throw signatureError ?? explain(pipeErr instanceof Error && !(err instanceof AppError) ? pipeErr : err, manifest !== null);
  }
  const pipeErr = await piping;
  if (signatureError) throw signatureError;
  if (pipeErr) throw explain(pipeErr, manifest !== null);
  if (!manifest) throw notArchive("it holds no manifest.json");
  const absent = manifest.files.filter((f) => !seen.has(f.path));
  if (absent.length) throw truncated(`${absent.length} of its files are missing (${absent[0]!.path} first)`);
  return manifest;
}

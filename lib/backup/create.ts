/**
 * Makes a whole-instance backup of the embedded database (format.ts): a consistent dump of the
 * data folder and the media as they were at that moment, streamed as a tar.gz while it is read.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import crypto from "node:crypto";
import { once } from "node:events";
import { Readable } from "node:stream";
import tar from "tar-stream";
import type { Database } from "@/db/client";
import { countAppliedMigrations } from "@/db/queries/database";
import { decodeKey } from "../config";
import { log } from "../log";
import { BackupError, FORMAT, FORMAT_VERSION, MANIFEST, PGDATA, SECRET_FILES, type Manifest } from "./format";

/** Where the media files are linked for the time a backup streams; inside DATA_DIR so links work. */
export const STAGING_DIR = "backup-staging";
const STALE_STAGING_MS = 24 * 3_600_000;

export interface BackupOptions {
  dataDir: string;
  /** The secrets the instance runs with, to tell whether the data folder's files are them. */
  inUse: { encryptionKey: Buffer; nextauthSecret: string };
  /** Leave the secret files out of the archive. */
  withoutSecrets?: boolean;
}

interface Entry {
  name: string;
  size: number;
  read: () => AsyncIterable<Buffer> | Iterable<Buffer>;
}

/** A body already in memory, read as a stream. */
const fromBuffer = (body: Buffer) => () => [body];

function readJson(file: string): { version?: string } {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return {};
  }
}

/** Every finished upload under DATA_DIR/media (files still arriving end in `.part`), relative to it. */
function mediaFiles(dataDir: string): string[] {
  const root = path.join(dataDir, "media");
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile() && !d.name.endsWith(".part"))
    .map((d) => path.relative(dataDir, path.join(d.parentPath, d.name)))
    .sort();
}

/** A hard link (or, on a file system without them, a copy): the file as it is now, whatever happens to it next. */
function pin(from: string, to: string) {
  fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
  try {
    fs.linkSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return; // deleted a moment ago: its row is gone too
    fs.copyFileSync(from, to);
  }
}

function removeStaleStaging(dataDir: string) {
  const root = path.join(dataDir, STAGING_DIR);
  if (!fs.existsSync(root)) return;
  for (const d of fs.readdirSync(root)) {
    const p = path.join(root, d);
    if (Date.now() - fs.statSync(p).mtimeMs > STALE_STAGING_MS) fs.rmSync(p, { recursive: true, force: true });
  }
}

function secretEntries(opts: BackupOptions): { entries: Entry[]; secrets: Manifest["secrets"] } {
  const entries: Entry[] = [];
  const state = (name: keyof typeof SECRET_FILES, matches: (text: string) => boolean): Manifest["secrets"]["encryption_key"] => {
    if (opts.withoutSecrets) return "left_out";
    let text: string;
    try {
      text = fs.readFileSync(path.join(opts.dataDir, SECRET_FILES[name]), "utf8");
    } catch {
      return "environment";
    }
    if (!matches(text.trim())) return "environment";
    const body = Buffer.from(text);
    entries.push({ name: `secrets/${SECRET_FILES[name]}`, size: body.length, read: fromBuffer(body) });
    return "included";
  };
  const secrets = {
    encryption_key: state("encryption_key", (t) => decodeKey(t)?.equals(opts.inUse.encryptionKey) ?? false),
    nextauth_secret: state("nextauth_secret", (t) => t === opts.inUse.nextauthSecret),
  };
  return { entries, secrets };
}

/** Writes one entry into the tar, hashing what goes in. */
async function writeEntry(pack: tar.Pack, entry: Entry, mtime: Date): Promise<string> {
  const hash = crypto.createHash("sha256");
  await new Promise<void>((resolve, reject) => {
    const sink = pack.entry({ name: entry.name, size: entry.size, mode: 0o600, mtime }, (err) => (err ? reject(err) : resolve()));
    (async () => {
      for await (const chunk of entry.read()) {
        hash.update(chunk);
        if (!sink.write(chunk)) await once(sink, "drain");
      }
      sink.end(null);
    })().catch((err) => {
      sink.destroy(err);
      reject(err);
    });
  });
  return hash.digest("hex");
}

/**
 * A backup of this embedded database and DATA_DIR's media, as a gzip stream. The dump is taken
 * (and the media pinned) before this resolves; the archive is then read from those copies, so
 * the instance keeps serving while it streams. `manifest` resolves once the stream has ended.
 */
export async function createBackup(database: Database, opts: BackupOptions): Promise<{ stream: Readable; manifest: Promise<Manifest> }> {
  if (database.driver !== "pglite" || !database.dumpDataDir) {
    throw new BackupError("This instance uses a Postgres server (DATABASE_URL): back it up with pg_dump -Fc, as the README's Backup and restore says.");
  }
  const applied = await countAppliedMigrations(database.db);
  removeStaleStaging(opts.dataDir);
  const staging = path.join(opts.dataDir, STAGING_DIR, `${Date.now()}-${crypto.randomBytes(4).toString("hex")}`);
  fs.mkdirSync(staging, { recursive: true, mode: 0o700 });
  let media: string[] = [];
  let dump: Blob;
  try {
    dump = await database.dumpDataDir(async () => {
      media = mediaFiles(opts.dataDir);
      for (const rel of media) pin(path.join(opts.dataDir, rel), path.join(staging, rel));
    });
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  const taken = new Date();
  const pgdata = Buffer.from(await dump.arrayBuffer());
  const { entries: secretFiles, secrets } = secretEntries(opts);
  const entries: Entry[] = [
    { name: PGDATA, size: pgdata.length, read: fromBuffer(pgdata) },
    ...media
      .filter((rel) => fs.existsSync(path.join(staging, rel)))
      .map((rel) => {
        const file = path.join(staging, rel);
        return { name: rel.split(path.sep).join("/"), size: fs.statSync(file).size, read: () => fs.createReadStream(file) as AsyncIterable<Buffer> };
      }),
    ...secretFiles,
  ];
  const cwd = process.cwd();
  const base = {
    format: FORMAT,
    version: FORMAT_VERSION,
    created_at: taken.toISOString(),
    app_version: readJson(path.join(cwd, "package.json")).version ?? "unknown",
    pglite_version: readJson(path.join(cwd, "node_modules", "@electric-sql", "pglite", "package.json")).version ?? "unknown",
    migrations: applied,
    secrets,
  } as const;

  const pack = tar.pack();
  const gzip = zlib.createGzip();
  pack.pipe(gzip);
  pack.on("error", () => undefined); // reported through `manifest` and the stream below
  let ended = false;
  // A reader that goes away (a closed connection) ends the writing too, and the staging with it.
  gzip.once("close", () => {
    if (!ended) pack.destroy(new Error("the reader went away"));
  });
  const manifest = (async () => {
    try {
      const files: Manifest["files"] = [];
      for (const e of entries) files.push({ path: e.name, size: e.size, sha256: await writeEntry(pack, e, taken) });
      const m: Manifest = { ...base, files };
      const body = Buffer.from(JSON.stringify(m, null, 2) + "\n");
      await writeEntry(pack, { name: MANIFEST, size: body.length, read: fromBuffer(body) }, taken);
      // Every file has been read into the archive by now: the staging may go.
      pack.finalize();
      ended = true;
      return m;
    } catch (err) {
      ended = true;
      gzip.destroy(err as Error);
      log.warn("backup stopped", { err: err instanceof Error ? err.message : String(err) });
      throw err;
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
      fs.rmdir(path.dirname(staging), () => undefined); // when no other backup is using it
    }
  })();
  manifest.catch(() => undefined); // the stream carries the error to whoever reads it
  return { stream: gzip, manifest };
}

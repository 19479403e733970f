/**
 * Reads a whole-instance backup (format.ts) back: `inspectBackup` checks it through without
 * writing anything; `restoreBackup` checks it the same way first, then writes it into an empty
 * data folder and opens the database there once, so a backup that restores is one that opens.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import crypto from "node:crypto";
import { pipeline } from "node:stream";
import tar from "tar-stream";
import { MIGRATIONS_DIR, openDatabase } from "@/db/client";
import { countAppliedMigrations } from "@/db/queries/database";
import { BackupError, FORMAT, FORMAT_VERSION, MANIFEST, PGDATA, manifestSchema, safeEntryName, targetOf, type Manifest } from "./format";

const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

interface ReadEntry {
  name: string;
  size: number;
  body: AsyncIterable<Buffer>;
}

function damaged(file: string, err: unknown): BackupError {
  if (err instanceof BackupError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const cut = /unexpected end|premature|truncated/i.test(message);
  return new BackupError(
    cut
      ? `${file} is incomplete: it ends before the archive does (cut short while copying or writing?). Nothing was restored.`
      : `${file} is damaged (${message}). Nothing was restored.`,
  );
}

/** Every entry of the archive in order; a damaged or cut-short archive throws a BackupError. */
async function readArchive(file: string, onEntry: (e: ReadEntry) => Promise<void>): Promise<void> {
  let src: fs.ReadStream;
  try {
    await fs.promises.access(file, fs.constants.R_OK);
    src = fs.createReadStream(file);
  } catch {
    throw new BackupError(`Cannot read ${file}: no such file, or not readable.`);
  }
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => pipeline(src, zlib.createGunzip(), extract, (err) => (err ? reject(err) : resolve())));
  done.catch(() => undefined);
  try {
    for await (const entry of extract) {
      const { name, type, size } = entry.header;
      if (type !== "file")
        throw new BackupError(`${file} holds "${name}", which is not a plain file: not a backup made by npm run backup. Nothing was restored.`);
      if (!safeEntryName(name)) throw new BackupError(`${file} holds an entry named "${name}", which a backup never has. Nothing was restored.`);
      await onEntry({ name, size: size ?? 0, body: entry as AsyncIterable<Buffer> });
    }
    await done;
  } catch (err) {
    src.destroy();
    throw damaged(file, err);
  }
}

async function hashOf(body: AsyncIterable<Buffer>, sink?: (chunk: Buffer) => void | Promise<void>): Promise<{ sha256: string; size: number }> {
  const hash = crypto.createHash("sha256");
  let size = 0;
  for await (const chunk of body) {
    hash.update(chunk);
    size += chunk.length;
    await sink?.(chunk);
  }
  return { sha256: hash.digest("hex"), size };
}

/** Migrations this version of the app knows. */
export function knownMigrations(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  return journal.entries.length;
}

/**
 * Reads the whole archive and checks it against its manifest (last entry): every file listed is
 * there once with its size and SHA-256, nothing else is, the format is one this version reads.
 * Writes nothing. Returns the manifest.
 */
export async function inspectBackup(file: string): Promise<Manifest> {
  const seen = new Map<string, { sha256: string; size: number }>();
  let manifest: Manifest | null = null;
  await readArchive(file, async (e) => {
    if (manifest) throw new BackupError(`${file} has entries after its manifest: not a backup made by npm run backup. Nothing was restored.`);
    if (seen.has(e.name)) throw new BackupError(`${file} holds "${e.name}" twice. Nothing was restored.`);
    if (e.name !== MANIFEST) {
      seen.set(e.name, await hashOf(e.body));
      return;
    }
    if (e.size > MAX_MANIFEST_BYTES) throw new BackupError(`${file} has a manifest of ${e.size} bytes, more than any backup writes. Nothing was restored.`);
    const chunks: Buffer[] = [];
    for await (const c of e.body) chunks.push(c);
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      throw new BackupError(`${file} has a manifest that is not JSON. Nothing was restored.`);
    }
    const format = (parsed as { format?: unknown; version?: unknown }) ?? {};
    if (format.format !== FORMAT)
      throw new BackupError(`${file} is not a whole-instance backup of this app (its manifest names no "${FORMAT}"). Nothing was restored.`);
    if (typeof format.version === "number" && format.version > FORMAT_VERSION) {
      throw new BackupError(
        `${file} was made by a newer version of the app (backup format ${format.version}; this one reads ${FORMAT_VERSION}): upgrade first.`,
      );
    }
    const checked = manifestSchema.safeParse(parsed);
    if (!checked.success) throw new BackupError(`${file} has a manifest this app cannot read (${checked.error.issues[0]?.message}). Nothing was restored.`);
    manifest = checked.data;
  });
  const m = manifest as Manifest | null;
  if (!m) throw new BackupError(`${file} has no manifest: it was cut short, or was not made by npm run backup. Nothing was restored.`);
  const listed = new Set(m.files.map((f) => f.path));
  if (!listed.has(PGDATA)) throw new BackupError(`${file} lists no database (${PGDATA}). Nothing was restored.`);
  for (const f of m.files) {
    const got = seen.get(f.path);
    if (!got) throw new BackupError(`${file} lacks ${f.path}, which its manifest lists. Nothing was restored.`);
    if (got.size !== f.size || got.sha256 !== f.sha256) {
      throw new BackupError(`${file} is damaged: ${f.path} does not match its checksum in the manifest. Nothing was restored.`);
    }
  }
  const extra = [...seen.keys()].find((n) => !listed.has(n));
  if (extra) throw new BackupError(`${file} holds ${extra}, which its manifest does not list. Nothing was restored.`);
  return m;
}

/** Why a folder cannot take a restore, or null when it is empty or absent. */
export function notEmptyReason(dataDir: string): string | null {
  let names: string[];
  try {
    if (!fs.statSync(dataDir).isDirectory()) return `${dataDir} is a file, not a folder.`;
    names = fs.readdirSync(dataDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  if (!names.length) return null;
  return (
    `${dataDir} is not empty (it holds ${names.slice(0, 3).join(", ")}${names.length > 3 ? " …" : ""}). ` +
    `A restore goes only into an empty or new folder, so it never mixes with or overwrites a database: ` +
    `choose another DATA_DIR, or move this folder away first.`
  );
}

/**
 * Restores a backup into `dataDir`, which must be empty or absent: checks the whole archive first
 * (nothing is written if it fails), writes media and secrets, loads the database, opens it and
 * checks its migrations. Any failure after writing began removes what was written.
 */
export async function restoreBackup(file: string, dataDir: string): Promise<Manifest> {
  const target = path.resolve(dataDir);
  const refused = notEmptyReason(target);
  if (refused) throw new BackupError(refused);
  const manifest = await inspectBackup(file);
  const known = knownMigrations();
  if (manifest.migrations > known) {
    throw new BackupError(
      `${file} holds a database of a newer version of the app (${manifest.migrations} migrations; this version knows ${known}): upgrade the app, then restore. Nothing was restored.`,
    );
  }
  const existed = fs.existsSync(target);
  fs.mkdirSync(target, { recursive: true, mode: 0o700 });
  try {
    const expected = new Map(manifest.files.map((f) => [f.path, f]));
    const pgdata: Buffer[] = [];
    await readArchive(file, async (e) => {
      if (e.name === MANIFEST) {
        for await (const _ of e.body); // eslint-disable-line @typescript-eslint/no-unused-vars
        return;
      }
      let got: { sha256: string; size: number };
      if (e.name === PGDATA) got = await hashOf(e.body, (c) => void pgdata.push(c));
      else {
        const to = targetOf(target, e.name);
        fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
        const fd = fs.openSync(to, "wx", 0o600);
        try {
          got = await hashOf(e.body, (c) => fs.writeFileSync(fd, c));
        } finally {
          fs.closeSync(fd);
        }
      }
      // The file could have changed since it was checked: the second reading must agree too.
      const want = expected.get(e.name);
      if (!want || want.sha256 !== got.sha256 || want.size !== got.size)
        throw new BackupError(`${file} changed while it was being restored. Nothing was restored.`);
    });
    const database = await openDatabase({ dataDir: target, snapshot: Buffer.concat(pgdata) });
    try {
      const applied = await countAppliedMigrations(database.db);
      if (applied !== manifest.migrations) {
        throw new BackupError(`The restored database has ${applied} migrations where the manifest says ${manifest.migrations}. Nothing was restored.`);
      }
    } finally {
      await database.close();
    }
    return manifest;
  } catch (err) {
    if (existed) for (const name of fs.readdirSync(target)) fs.rmSync(path.join(target, name), { recursive: true, force: true });
    else fs.rmSync(target, { recursive: true, force: true });
    if (err instanceof BackupError) throw err;
    throw new BackupError(`The restore failed (${err instanceof Error ? err.message : String(err)}); ${target} was left as it was.`);
  }
}

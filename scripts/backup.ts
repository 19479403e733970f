/**
 * `npm run backup [file] [--no-secrets] [--url URL]`: a consistent copy of the embedded database,
 * the media and the data folder's secrets, as one tar.gz (lib/backup/format.ts).
 *
 * The embedded database opens in one process at a time. While the app runs (it holds
 * DATA_DIR/pglite.lock) the copy is asked of it over HTTP, GET /api/backup on
 * http://127.0.0.1:$PORT (or --url / BACKUP_URL), with DATA_DIR/backup.secret as the bearer: the
 * file is made here on first use, mode 0600, so only this machine's user who owns the data folder
 * can take a backup. When the app is stopped, the data folder is opened here directly. Either
 * way the written file is read back and checked against its manifest before it gets its name.
 */
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { DataDirLockedError, openDatabase } from "../db/client";
import { decodeKey } from "../lib/config";
import { BackupError, createBackup, ensureBackupSecret, inspectBackup, type Manifest } from "../lib/backup";

function fail(message: string): never {
  process.stderr.write(message + "\n");
  process.exit(1);
}

const read = (file: string) => {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    return null;
  }
};

/** The secrets the app would run with on this folder: the environment's, else the folder's files. */
function secretsInUse(dataDir: string) {
  const key = process.env.ENCRYPTION_KEY || read(path.join(dataDir, "encryption.key"));
  return {
    encryptionKey: (key && decodeKey(key)) || Buffer.alloc(0),
    nextauthSecret: process.env.NEXTAUTH_SECRET || read(path.join(dataDir, "nextauth.secret")) || "",
  };
}

/** Writes the stream to `<file>.partial` (mode 0600: the archive holds the keys), checks it, renames it. */
async function save(source: Readable, file: string): Promise<Manifest> {
  const partial = `${file}.partial`;
  try {
    await pipeline(source, fs.createWriteStream(partial, { mode: 0o600, flags: "wx" }));
    const manifest = await inspectBackup(partial);
    fs.renameSync(partial, file);
    return manifest;
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

async function fromRunningApp(dataDir: string, url: string, file: string, withoutSecrets: boolean, pid: string) {
  const secret = ensureBackupSecret(dataDir);
  const endpoint = `${url.replace(/\/+$/, "")}/api/backup${withoutSecrets ? "?secrets=0" : ""}`;
  let res: Response;
  try {
    res = await fetch(endpoint, { headers: { authorization: `Bearer ${secret}` } });
  } catch (err) {
    fail(
      `The app runs on this data folder (${pid}), but nothing answers at ${url} (${(err as Error).cause ?? (err as Error).message}). ` +
        `Set PORT, or --url / BACKUP_URL, to where it serves.`,
    );
  }
  if (!res.ok || !res.body) {
    const body = await res.text().catch(() => "");
    let message = body.slice(0, 300);
    try {
      message = (JSON.parse(body) as { error: { message: string } }).error.message;
    } catch {
      /* not the app's JSON error */
    }
    if (res.status === 404 && !message) message = "this app has no backup endpoint (an older version?)";
    fail(`The running app refused the backup (${res.status}): ${message}`);
  }
  return save(Readable.fromWeb(res.body as import("node:stream/web").ReadableStream), file);
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { "no-secrets": { type: "boolean", default: false }, url: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    process.stdout.write("npm run backup [file] [--no-secrets] [--url http://127.0.0.1:3000]\n");
    return;
  }
  if (process.env.DATABASE_URL) {
    fail("DATABASE_URL is set: the database is a Postgres server. Back it up with pg_dump -Fc (README, Backup and restore), and DATA_DIR/media with it.");
  }
  const dataDir = path.resolve(process.env.DATA_DIR || "./.data");
  if (!fs.existsSync(path.join(dataDir, "pgdata", "PG_VERSION"))) fail(`There is no embedded database in ${dataDir} (set DATA_DIR to the app's data folder).`);
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const file = path.resolve(positionals[0] ?? `scheduler-backup-${stamp}.tar.gz`);
  if (fs.existsSync(file)) fail(`${file} exists already; name another file.`);
  const withoutSecrets = values["no-secrets"] === true;
  const started = Date.now();

  let manifest: Manifest;
  let how = "";
  let database;
  try {
    database = await openDatabase({ dataDir });
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err;
    const pid = /pid (\d+)/.exec(err.message)?.[0] ?? "another process";
    const url = values.url ?? process.env.BACKUP_URL ?? `http://127.0.0.1:${process.env.PORT || 3000}`;
    manifest = await fromRunningApp(dataDir, url, file, withoutSecrets, pid);
    how = `from the running app at ${url}`;
  }
  if (database) {
    try {
      const { stream } = await createBackup(database, { dataDir, inUse: secretsInUse(dataDir), withoutSecrets });
      manifest = await save(stream, file);
    } finally {
      await database.close();
    }
    how = "from the data folder (the app is not running)";
  }
  const m = manifest!;
  const media = m.files.filter((f) => f.path.startsWith("media/")).length;
  const size = fs.statSync(file).size;
  process.stdout.write(
    `Backup written ${how}: ${file}\n` +
      `  ${(size / 1024 / 1024).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s; database as of ${m.created_at}, ${media} media file(s), ${m.migrations} migrations.\n`,
  );
  if (m.secrets.encryption_key !== "included") {
    process.stdout.write(
      m.secrets.encryption_key === "left_out"
        ? "  The encryption key is NOT in it (--no-secrets): keep DATA_DIR/encryption.key (or your ENCRYPTION_KEY) safe, apart from the backup.\n"
        : "  The encryption key in use comes from ENCRYPTION_KEY, not the data folder: keep it; without it no credential in this backup can be read.\n",
    );
  } else {
    process.stdout.write("  It holds the encryption key: keep the file as private as the data folder itself.\n");
  }
}

main().catch((err) => fail(err instanceof BackupError ? err.message : `The backup failed: ${err instanceof Error ? err.stack : String(err)}`));

/**
 * `npm run restore <file> [--data-dir DIR]`: puts a backup made by `npm run backup` into an empty
 * (or new) data folder, DATA_DIR by default. The whole archive is checked against its manifest
 * first; a damaged, cut-short or newer-version backup, or a folder that is not empty, is refused
 * before anything is written (lib/backup/restore.ts).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { BackupError, restoreBackup } from "../lib/backup";

function fail(message: string): never {
  process.stderr.write(message + "\n");
  process.exit(1);
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { "data-dir": { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help || positionals.length !== 1) {
    (values.help ? process.stdout : process.stderr).write("npm run restore <backup file> [--data-dir DIR]   (default: DATA_DIR, else ./.data)\n");
    process.exit(values.help ? 0 : 1);
  }
  const dataDir = path.resolve(values["data-dir"] ?? (process.env.DATA_DIR || "./.data"));
  const started = Date.now();
  const m = await restoreBackup(path.resolve(positionals[0]!), dataDir);
  const media = m.files.filter((f) => f.path.startsWith("media/")).length;
  process.stdout.write(
    `Restored into ${dataDir} in ${((Date.now() - started) / 1000).toFixed(1)} s: the database as of ${m.created_at}, ${media} media file(s).\n` +
      `Start the app on it with DATA_DIR=${dataDir} npm start.\n`,
  );
  const missing = (["encryption_key", "nextauth_secret"] as const).filter((k) => m.secrets[k] !== "included");
  if (missing.includes("encryption_key")) {
    process.stdout.write(
      "The backup holds no encryption key: before starting, set ENCRYPTION_KEY to the key the instance used, or copy its encryption.key into the folder; " +
        "without it the platform credentials and webhook secrets cannot be read.\n",
    );
  }
  if (missing.includes("nextauth_secret")) process.stdout.write("The backup holds no session secret: a new one is made at start (everyone signs in again).\n");
}

main().catch((err) => fail(err instanceof BackupError ? err.message : `The restore failed: ${err instanceof Error ? err.stack : String(err)}`));

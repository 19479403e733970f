/**
 * Who may take a backup from the running app: whoever can read DATA_DIR/backup.secret, i.e. the
 * machine's user the app runs as (the file is created mode 0600 by `npm run backup`, and the app
 * refuses it once others may read it). No workspace role reaches it: a backup holds every
 * workspace and the encryption key. Until the file exists, the endpoint is off.
 */
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { BackupError } from "./format";

export const BACKUP_SECRET_FILE = "backup.secret";

/** The secret the running app accepts, or null when there is none (no backup asked for yet). */
export function readBackupSecret(dataDir: string): string | null {
  const file = path.join(dataDir, BACKUP_SECRET_FILE);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  if (!stat.isFile()) return null;
  if ((stat.mode & 0o077) !== 0) {
    throw new BackupError(`${file} can be read by other users of this machine: make it private (chmod 600) before backups are allowed.`);
  }
  const secret = fs.readFileSync(file, "utf8").trim();
  return secret.length >= 32 ? secret : null;
}

/** The secret, made on first use (32 random bytes, mode 0600, the folder's owner only). */
export function ensureBackupSecret(dataDir: string): string {
  const file = path.join(dataDir, BACKUP_SECRET_FILE);
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url") + "\n", { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const secret = readBackupSecret(dataDir);
  if (!secret) throw new BackupError(`${file} is not a usable secret: remove it and run the backup again.`);
  return secret;
}

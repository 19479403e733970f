/**
 * Who may take a backup from the running app: whoever can read DATA_DIR/backup.secret, i.e. the
 * machine's user the app runs as (the file is created mode 0600 by `npm run backup`, and the app
 * refuses it once others may read it). No workspace role reaches it: a backup holds every
 * workspace and the encryption key. Until the file exists, the endpoint is off.
 */
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { safeEqual } from "../crypto";
import { log } from "../log";
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

export type BackupAccess = { ok: true } | { ok: false; status: 401 | 403 | 404; code: string; message: string; headers?: Record<string, string> };

/**
 * Whether a request with this Authorization header may take a backup. The answer goes to anyone
 * who asks, so it names no path of this machine; why a secret is refused goes to the server log.
 */
export function backupAccess(dataDir: string, authorization: string | null): BackupAccess {
  let secret: string | null;
  try {
    secret = readBackupSecret(dataDir);
  } catch (err) {
    log.warn("backup refused: the backup secret is not private", { err });
    return {
      ok: false,
      status: 403,
      code: "forbidden:backup_secret",
      message: "Backups through the running app are refused until the backup secret file is private again; the app's log says why.",
    };
  }
  if (!secret)
    return {
      ok: false,
      status: 404,
      code: "not_found:backup",
      message: "Backups through the running app are off until `npm run backup` has created DATA_DIR/backup.secret.",
    };
  const m = /^Bearer\s+(.+)$/i.exec(authorization ?? "");
  if (!m || !safeEqual(m[1]!, secret)) {
    return {
      ok: false,
      status: 401,
      code: "unauthorized",
      message: "Send Authorization: Bearer <the contents of DATA_DIR/backup.secret>.",
      headers: { "www-authenticate": 'Bearer realm="backup"' },
    };
  }
  return { ok: true };
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

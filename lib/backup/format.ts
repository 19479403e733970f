/**
 * The whole-instance backup archive (`npm run backup`): one gzip-compressed tar holding
 *   pgdata.tar               the embedded database's data folder (PGlite's own dump)
 *   media/<workspace>/<file> every uploaded file
 *   secrets/encryption.key   the key credentials and webhook secrets are encrypted with, and
 *   secrets/nextauth.secret  the session secret, when the data folder holds them (see `secrets`)
 *   manifest.json            last: what the archive holds, with each file's size and SHA-256
 * The manifest comes last so the archive streams while it is made; a cut-short archive has none.
 */
import path from "node:path";
import { z } from "zod";

export const FORMAT = "scheduler-instance-backup";
export const FORMAT_VERSION = 1;
export const MANIFEST = "manifest.json";
export const PGDATA = "pgdata.tar";
/** Files of DATA_DIR the archive carries as `secrets/<name>`. */
export const SECRET_FILES = { encryption_key: "encryption.key", nextauth_secret: "nextauth.secret" } as const;

/**
 * Whether a secret the instance uses is in the archive: `included`; `environment` (the running
 * app was given another value than the data folder's file, e.g. ENCRYPTION_KEY for a Postgres
 * server or set by hand: keep that value yourself); `left_out` (asked for with --no-secrets).
 */
export const secretState = z.enum(["included", "environment", "left_out"]);

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  version: z.number().int().positive(),
  created_at: z.string(),
  app_version: z.string(),
  pglite_version: z.string(),
  /** Migrations applied to the database in the archive: a newer app's backup is refused. */
  migrations: z.number().int().nonnegative(),
  secrets: z.object({ encryption_key: secretState, nextauth_secret: secretState }),
  files: z.array(z.object({ path: z.string(), size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** A backup that cannot be made or used; the message is fit to print as it is. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

/**
 * True for an entry name the archive may hold: pgdata.tar, manifest.json, secrets/<known name>,
 * or media/… made of plain segments (no `..`, no absolute path, nothing that leaves the folder).
 */
export function safeEntryName(name: string): boolean {
  if (name === PGDATA || name === MANIFEST) return true;
  if (name.startsWith("secrets/")) return (Object.values(SECRET_FILES) as string[]).includes(name.slice("secrets/".length));
  if (!name.startsWith("media/") || name.includes("\\") || name.includes("\0")) return false;
  const segments = name.split("/");
  return segments.length >= 2 && segments.every((s) => s !== "" && s !== "." && s !== "..") && path.posix.normalize(name) === name;
}

/** Where an entry goes in a data folder. */
export function targetOf(dataDir: string, name: string): string {
  return name.startsWith("secrets/") ? path.join(dataDir, name.slice("secrets/".length)) : path.join(dataDir, ...name.split("/"));
}

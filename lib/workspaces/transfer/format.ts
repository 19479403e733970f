import { z } from "zod";
import journal from "@/db/migrations/meta/_journal.json";
import pkg from "@/package.json";

/**
 * The workspace archive (docs/backup.md): a tar.gz whose first entry is manifest.json, then one
 * NDJSON file per kind under data/ (columns as the database names them), then media/<id>, the
 * uploaded files. The manifest names every other entry with its size and SHA-256, so an import
 * refuses a damaged, truncated or padded archive before it writes anything.
 */
export const ARCHIVE_FORMAT = "content-scheduler.workspace";
/** Bumped when the archive's layout changes in a way an older reader cannot follow. */
export const FORMAT_VERSION = 1;
export const MANIFEST_NAME = "manifest.json";

const TAGS = journal.entries.map((e) => e.tag);
/** The database schema this build runs: its latest migration's tag. */
export const SCHEMA_VERSION = TAGS[TAGS.length - 1]!;

/**
 * Where a schema tag stands against this build's: an archive from a newer schema may hold
 * columns this build does not know, so it is refused; an older one imports (new columns take
 * their defaults).
 */
export function schemaAge(tag: string): "same" | "older" | "newer" {
  const i = TAGS.indexOf(tag);
  if (i < 0) return "newer";
  return i === TAGS.length - 1 ? "same" : "older";
}

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/);

export const manifestFile = z.object({
  path: z.string().regex(/^(data\/[a-z_]+\.ndjson|media\/[0-9a-f-]{36})$/),
  bytes: z.number().int().min(0),
  sha256,
  /** NDJSON files: the number of lines (rows). */
  rows: z.number().int().min(0).optional(),
});

/** How secrets were sealed: scrypt turns the passphrase into an AES-256-GCM key. */
export const sealingSchema = z.object({
  kdf: z.literal("scrypt"),
  N: z
    .number()
    .int()
    .min(1024)
    .max(1 << 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: base64url,
  cipher: z.literal("aes-256-gcm"),
  /** A known text sealed with the key: a wrong passphrase is told before any row is read. */
  check: z.string(),
});
export type Sealing = z.infer<typeof sealingSchema>;

export const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  format_version: z.number().int().min(1),
  schema_version: z.string().min(1),
  app_version: z.string(),
  created_at: z.iso.datetime(),
  workspace: z.object({ id: z.uuid(), name: z.string() }),
  counts: z.record(z.string(), z.number().int().min(0)),
  files: z.array(manifestFile),
  /** Media rows whose file was missing on the exporting server (they import without it). */
  missing_media: z.array(z.uuid()).default([]),
  secrets: z.object({
    /** none: webhooks import inactive with a new secret; plain: in the rows; sealed: under the passphrase. */
    webhook_secrets: z.enum(["none", "plain", "sealed"]),
    /** Account credentials sealed under the passphrase; without them accounts import as needing reconnection. */
    credentials: z.boolean(),
    sealing: sealingSchema.nullable(),
  }),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const APP_VERSION = pkg.version;

/** What the export may include: secrets only when asked, credentials only with a passphrase. */
export interface ExportOptions {
  includeSecrets: boolean;
  includeCredentials: boolean;
  passphrase: string | null;
}

export { MIN_PASSPHRASE } from "@/lib/validation/transfer";

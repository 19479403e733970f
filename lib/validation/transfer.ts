import { z } from "zod";

/** The shortest passphrase that may seal an archive's secrets. */
export const MIN_PASSPHRASE = 10;

const flag = z.enum(["true", "false"], { message: "must be true or false" }).transform((v) => v === "true");

/** GET /workspace/export: no passphrase can come in a URL, so no credentials either. */
export const workspaceExportQuery = z.object({ include_secrets: flag.default(false) }).strict();

/** POST /workspace/export: the passphrase travels in the body, never in a URL or a log line. */
export const workspaceExportBody = z
  .object({
    include_secrets: z.boolean().default(false),
    include_credentials: z.boolean().default(false),
    passphrase: z.string().min(MIN_PASSPHRASE, `at least ${MIN_PASSPHRASE} characters`).max(1024).nullable().optional(),
  })
  .strict();

export const workspaceImportQuery = z.object({ name: z.string().trim().min(1).max(200).optional() }).strict();

/**
 * The header that carries an import's passphrase (the body is the archive itself). Header values
 * are bytes, not text, so it is percent-encoded UTF-8 (encodeURIComponent); an ASCII passphrase
 * without "%" reads the same either way.
 */
export const PASSPHRASE_HEADER = "x-archive-passphrase";

/** The passphrase a header carries; null when it is not percent-encoded UTF-8. */
export function passphraseFromHeader(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

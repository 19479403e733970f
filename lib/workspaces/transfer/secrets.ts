import crypto from "node:crypto";
import { decrypt, encrypt, sealJson, type Keyring } from "../../crypto";
import { AppError } from "../../errors";
import type { Sealer } from "./seal";

type Row = Record<string, unknown>;

/**
 * Secrets never leave in the server's own ciphertext (bound to its key and the row's id). On the
 * way out they are opened and, when asked for, sealed again under the passphrase (credentials
 * always; webhook secrets when a passphrase is given, else in the clear as the admin asked).
 */
export function accountOut(row: Row, keyring: Keyring, sealer: Sealer | null): Row {
  const { credentials_encrypted: enc, ...rest } = row;
  if (typeof enc !== "string") return rest;
  if (sealer) {
    try {
      return { ...rest, credentials_sealed: sealer.seal(decrypt(keyring, enc, String(row.id)), String(row.id)) };
    } catch {
      // Sealed under a key this server no longer has: the account goes as one to reconnect.
    }
  }
  return { ...rest, credentials_omitted: true };
}

export function webhookOut(row: Row, keyring: Keyring, mode: "none" | "plain" | "sealed", sealer: Sealer | null): Row {
  const { secret_encrypted: enc, ...rest } = row;
  if (mode === "none" || typeof enc !== "string") return rest;
  let secret: string;
  try {
    secret = decrypt(keyring, enc, String(row.id));
  } catch {
    return rest;
  }
  return mode === "sealed" && sealer ? { ...rest, secret_sealed: sealer.seal(secret, String(row.id)) } : { ...rest, secret: JSON.parse(secret) as string };
}

export interface SecretsIn {
  keyring: Keyring;
  sealer: Sealer | null;
  /** Accounts that came without credentials and now need reconnecting, webhooks given a new secret. */
  reconnect: number;
  newSecrets: number;
}

const malformed = (what: string) => new AppError("bad_request:archive_rows", `${what} in the archive is malformed`);

/** Archive fields that are not columns, taken off before the row is decoded, and what they become. */
export type Split = [archiveRow: Row, fields: Row];

/**
 * An exported account as this server keeps it: credentials opened with the passphrase and sealed
 * with this server's key for the row's new id. An account that had credentials and came without
 * them keeps its settings and history and waits for a reconnect.
 */
export function accountIn(row: Row, oldId: string, newId: string, s: SecretsIn): Split {
  const { credentials_sealed: sealed, credentials_omitted: omitted, ...rest } = row;
  if (typeof sealed === "string") {
    if (!s.sealer) throw malformed("a sealed credential without sealing parameters");
    return [rest, { credentialsEncrypted: encrypt(s.keyring, s.sealer.open(sealed, oldId), newId) }];
  }
  if (sealed !== undefined || (omitted !== undefined && omitted !== true)) throw malformed("an account's credentials");
  if (!omitted) return [rest, { credentialsEncrypted: null }];
  s.reconnect++;
  return [rest, { credentialsEncrypted: null, status: "needs_reconnect", statusReason: "Imported without its credentials: reconnect the account." }];
}

/** A webhook with its secret sealed for this server, or, without one, inactive with a new secret. */
export function webhookIn(row: Row, oldId: string, newId: string, s: SecretsIn): Split {
  const { secret: plain, secret_sealed: sealed, ...rest } = row;
  if (typeof sealed === "string") {
    if (!s.sealer) throw malformed("a sealed webhook secret without sealing parameters");
    return [rest, { secretEncrypted: encrypt(s.keyring, s.sealer.open(sealed, oldId), newId) }];
  }
  if (typeof plain === "string") return [rest, { secretEncrypted: sealJson(s.keyring, plain, newId) }];
  if (plain !== undefined || sealed !== undefined) throw malformed("a webhook's secret");
  s.newSecrets++;
  // The receiver checks signatures with the old secret: nothing is sent until an admin sets it.
  return [rest, { active: false, secretEncrypted: sealJson(s.keyring, `whsec_${crypto.randomBytes(32).toString("base64url")}`, newId) }];
}

/**
 * What may leave the server about an account: never the credentials, only whether there are any
 * and their key names. Used for API answers and audit rows alike.
 */
import type { AccountRow } from "@/db/queries/accounts";
import { openJson, type Keyring } from "../crypto";
import { SECRET_KEYS } from "../validation/accounts";

export type AccountView = Omit<AccountRow, "credentialsEncrypted" | "workspaceId" | "postingSlots"> & { hasCredentials: boolean; credentialKeys: string[] };

/** The config without anything secret-looking (the API refuses such keys; older rows may hold some). */
export function publicConfig(config: unknown): Record<string, unknown> {
  if (!config || typeof config !== "object" || Array.isArray(config)) return {};
  return Object.fromEntries(Object.entries(config as Record<string, unknown>).filter(([k]) => !SECRET_KEYS.has(k.toLowerCase())));
}

export function credentialKeys(keyring: Keyring, accountId: string, sealed: string | null): string[] {
  if (!sealed) return [];
  try {
    return Object.keys(openJson<Record<string, unknown>>(keyring, sealed, accountId)).sort();
  } catch {
    return [];
  }
}

export function toView(keyring: Keyring, row: AccountRow): AccountView {
  const { credentialsEncrypted, workspaceId: _w, postingSlots: _p, ...rest } = row;
  void _w;
  void _p;
  return {
    ...rest,
    config: publicConfig(rest.config),
    hasCredentials: credentialsEncrypted !== null,
    credentialKeys: credentialKeys(keyring, row.id, credentialsEncrypted),
  };
}

/** The audit's before/after of an account: settings and status, credential key names only. */
export function auditView(v: AccountView) {
  return {
    platform: v.platform,
    name: v.name,
    status: v.status,
    status_reason: v.statusReason,
    external_id: v.externalId,
    config: v.config,
    rate_limit: v.rateLimit,
    has_credentials: v.hasCredentials,
    credential_keys: v.credentialKeys,
    token_expires_at: v.tokenExpiresAt?.toISOString() ?? null,
  };
}

export { platformName } from "@/adapters/registry";

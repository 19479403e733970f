/**
 * The adapter context for one platform account: base URL (account override or the platform's),
 * decrypted credentials, and a way to persist refreshed ones. Used by the engine, account
 * verification and the OAuth flow.
 */
import type { AdapterContext } from "@/adapters/adapter";
import { AuthError } from "@/adapters/errors";
import { getDescriptor } from "@/adapters/registry";
import type { PlatformId } from "@/adapters/types";
import type { Db } from "@/db/client";
import { saveAccountCredentials } from "@/db/queries/publishing-job";
import { openJson, sealJson, type Keyring } from "../crypto";

export interface AccountForContext {
  id: string;
  platform: string;
  config: unknown;
  credentialsEncrypted: string | null;
}

export interface ContextDeps {
  keyring: Keyring;
  fetch: typeof fetch;
  publishTimeoutMs: number;
}

export function openCredentials(keyring: Keyring, accountId: string, sealed: string | null): Record<string, string> {
  if (!sealed) return {};
  try {
    return openJson<Record<string, string>>(keyring, sealed, accountId);
  } catch (err) {
    throw new AuthError(`the stored credentials cannot be read (${err instanceof Error ? err.message : "unknown"}); reconnect the account`);
  }
}

export function accountContext(db: Db, deps: ContextDeps, account: AccountForContext): AdapterContext {
  const config = (account.config ?? {}) as Record<string, unknown>;
  const descriptorBase = getDescriptor(account.platform as PlatformId)?.defaultBaseUrl ?? "";
  const base = typeof config.api_base_url === "string" && config.api_base_url ? config.api_base_url : descriptorBase;
  const ctx: AdapterContext = {
    accountId: account.id,
    platform: account.platform as PlatformId,
    baseUrl: base.replace(/\/+$/, ""),
    config,
    credentials: openCredentials(deps.keyring, account.id, account.credentialsEncrypted),
    fetch: deps.fetch,
    timeoutMs: deps.publishTimeoutMs,
    async saveCredentials(credentials, expiresAt) {
      ctx.credentials = credentials;
      await saveAccountCredentials(db, account.id, sealJson(deps.keyring, credentials, account.id), expiresAt);
    },
  };
  return ctx;
}

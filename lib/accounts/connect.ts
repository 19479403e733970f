/**
 * Connecting and reconnecting: every account is checked with the platform when it is saved, and
 * its status is the answer. A new account is verified before its row is written (its id and
 * sealed credentials are made first), so no screen or API answer ever shows it "active" unchecked.
 * One the platform refuses is still saved — status needs_reconnect or error with the platform's
 * reason — so the person can fix it without typing everything again.
 */
import crypto from "node:crypto";
import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { AppError } from "../errors";
import { sealJson } from "../crypto";
import { accountContext } from "../publishing/context";
import type { AccountCreateInput, AccountPatchInput } from "../validation/accounts";
import type { AccountDeps } from "./deps";
import { accountPatchFor, insertAccount, requireAccountRow, updatePlatformAccount, type NewAccount } from "./manage";
import { checkWith, requireAdapter, verifyPlatformAccount } from "./verify";

/** What a person typed to connect an account; the id and the verify's answer come later. */
export type Connecting = Omit<NewAccount, "id" | "verified">;

/** Verifies, then inserts with the verify's status. `action` names the audit row. */
export async function connectAccount(db: Db, actor: Actor, deps: AccountDeps, a: Connecting, action = "platform_account.create") {
  assertCan(actor.role, "accounts:manage");
  const adapter = requireAdapter(deps, a.platform);
  const id = crypto.randomUUID();
  const sealed = Object.keys(a.credentials).length ? sealJson(deps.keyring, a.credentials, id) : null;
  const ctx = accountContext(db, deps, { id, platform: a.platform, config: a.config, credentialsEncrypted: sealed });
  // The row does not exist yet: a session the adapter saves (Bluesky) is kept in the context and inserted below.
  let credentials = a.credentials;
  let tokenExpiresAt = a.tokenExpiresAt ?? null;
  ctx.saveCredentials = async (c, expiresAt) => {
    ctx.credentials = c;
    credentials = c;
    if (expiresAt !== undefined) tokenExpiresAt = expiresAt;
  };
  // Outside any transaction: the platform may take seconds to answer.
  const result = await checkWith(adapter, ctx);
  const config = result.ok ? { ...a.config, ...(result.verified.config ?? {}) } : a.config;
  const verified = result.ok
    ? { status: "active" as const, statusReason: null, lastVerifiedAt: new Date(), externalId: result.verified.externalId ?? null }
    : { status: result.status, statusReason: result.reason, lastVerifiedAt: null, externalId: null };
  const view = await db.transaction((tx) =>
    insertAccount(
      tx,
      actor,
      deps.keyring,
      { id, platform: a.platform, name: a.name, config, credentials, rateLimit: a.rateLimit, tokenExpiresAt, verified },
      action,
    ),
  );
  return { account: view, verifiedName: result.ok ? result.verified.name : null };
}

export function connectFromInput(db: Db, actor: Actor, deps: AccountDeps, v: AccountCreateInput) {
  return connectAccount(db, actor, deps, { platform: v.platform, name: v.name, config: v.config, credentials: v.credentials, rateLimit: v.rate_limit });
}

/**
 * New credentials or settings, and enabling an account, are checked with the platform at once
 * (a disabled account stays disabled but records the answer); other changes are saved as they are.
 * A working account keeps working: its new credentials or settings are tried first and kept only
 * when the platform accepts them, so a mistyped token (or the platform being down) while changing
 * a setting never replaces credentials that work. A broken account saves what was typed, then says
 * what the platform answered, as a new one does.
 */
export async function updateAndVerify(db: Db, actor: Actor, deps: AccountDeps, id: string, patch: AccountPatchInput, tokenExpiresAt?: Date | null) {
  assertCan(actor.role, "accounts:manage");
  if (patch.credentials !== undefined || patch.config !== undefined) {
    const current = await requireAccountRow(db, actor, id);
    if (current.status === "active") {
      const change = accountPatchFor(deps.keyring, current, patch);
      const ctx = accountContext(db, deps, {
        ...current,
        config: change.config ?? current.config,
        credentialsEncrypted: change.credentialsEncrypted !== undefined ? change.credentialsEncrypted : current.credentialsEncrypted,
      });
      // A trial: a session the adapter would save is not kept; the real verify below makes its own.
      ctx.saveCredentials = async (c) => {
        ctx.credentials = c;
      };
      const result = await checkWith(requireAdapter(deps, current.platform), ctx);
      if (!result.ok) {
        const field = patch.credentials !== undefined ? "credentials" : "config";
        throw new AppError(
          "bad_request:verify_failed",
          `${result.reason}. Nothing was changed: the account keeps its working ${field === "credentials" ? "credentials" : "settings"}.`,
          [{ field, message: result.reason }],
        );
      }
    }
  }
  const after = await updatePlatformAccount(db, actor, deps.keyring, id, patch, tokenExpiresAt);
  if (patch.credentials === undefined && patch.config === undefined && patch.status !== "active") return after;
  return verifyPlatformAccount(db, actor, deps, id);
}

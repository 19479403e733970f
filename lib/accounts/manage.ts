/**
 * Platform accounts: create, read, change and delete. Credentials are sealed with the account id
 * as associated data (lib/crypto), so the id is chosen before the row is written.
 */
import crypto from "node:crypto";
import type { PlatformId } from "@/adapters/types";
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import {
  deleteAccountRow,
  getAccountRow,
  insertAccountRow,
  listAccountRows,
  listAccounts,
  scheduleCountsOfAccount,
  updateAccountRow,
  type AccountRow,
  type AccountUpdate,
} from "@/db/queries/accounts";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { sealJson, type Keyring } from "../crypto";
import { AppError, notFound } from "../errors";
import { configProblems, refreshProblems, type AccountCreateInput, type AccountPatchInput } from "../validation/accounts";
import { auditView, platformName, toView } from "./view";

export async function listPlatformAccounts(db: Db, actor: Actor, keyring: Keyring) {
  assertCan(actor.role, "accounts:read");
  return (await listAccountRows(db, actor.workspaceId)).map((r) => toView(keyring, r));
}

/**
 * The workspace's accounts without anything sealed (name, platform, status, settings, queue times),
 * by platform and name: for screens that list, pick or name accounts.
 */
export async function listAccountSummaries(db: Db, actor: Actor) {
  assertCan(actor.role, "accounts:read");
  return listAccounts(db, actor.workspaceId);
}

/** The account's full row (sealed credentials included): for this domain's own use only. */
export async function requireAccountRow(db: Db, actor: Actor, id: string, lock = false) {
  assertCan(actor.role, "accounts:read");
  const row = await getAccountRow(db, actor.workspaceId, id, lock);
  if (!row) throw notFound("platform_account");
  return row;
}

export async function getPlatformAccount(db: Db, actor: Actor, keyring: Keyring, id: string) {
  return toView(keyring, await requireAccountRow(db, actor, id));
}

const rateLimitOf = (r: { capacity: number; per_seconds: number } | null | undefined) => (r ? { capacity: r.capacity, per_seconds: r.per_seconds } : null);

export interface NewAccount {
  platform: PlatformId;
  name: string;
  config: Record<string, unknown>;
  credentials: Record<string, string>;
  rateLimit?: { capacity: number; per_seconds: number } | null;
  tokenExpiresAt?: Date | null;
  /** Chosen by the caller when credentials were sealed (and verified) before the insert. */
  id?: string;
  /** What the verify before the insert found; the database default ("active") is never used unverified. */
  verified?: { status: "active" | "needs_reconnect" | "error"; statusReason: string | null; lastVerifiedAt: Date | null; externalId: string | null };
}

/** Inserts the account and its audit row; call inside a transaction. */
export async function insertAccount(db: Db, actor: Actor, keyring: Keyring, a: NewAccount, action = "platform_account.create") {
  const id = a.id ?? crypto.randomUUID();
  const row = await insertAccountRow(db, {
    ...(a.verified ?? {}),
    id,
    workspaceId: actor.workspaceId,
    platform: a.platform,
    name: a.name,
    config: a.config,
    credentialsEncrypted: Object.keys(a.credentials).length ? sealJson(keyring, a.credentials, id) : null,
    rateLimit: rateLimitOf(a.rateLimit),
    tokenExpiresAt: a.tokenExpiresAt ?? null,
    createdBy: actor.userId,
  });
  const view = toView(keyring, row);
  await writeAudit(db, actor, { action, entityType: "platform_account", entityId: id, after: auditView(view) });
  return view;
}

/** Without a verify: the lib's own callers (seeding, tests). People and the API go through lib/accounts/connect. */
export async function createPlatformAccount(db: Db, actor: Actor, keyring: Keyring, v: AccountCreateInput) {
  assertCan(actor.role, "accounts:manage");
  return db.transaction((tx) =>
    insertAccount(tx, actor, keyring, { platform: v.platform, name: v.name, config: v.config, credentials: v.credentials, rateLimit: v.rate_limit }),
  );
}

/** Shallow merge: keys given replace, keys set to null are removed. */
function mergeConfig(current: unknown, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...((current ?? {}) as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** The row change a patch makes (validated): settings merged, credentials sealed, status set. */
export function accountPatchFor(keyring: Keyring, current: AccountRow, v: AccountPatchInput): AccountUpdate {
  const patch: AccountUpdate = {};
  if (v.name !== undefined) patch.name = v.name;
  if (v.config !== undefined) {
    const merged = mergeConfig(current.config, v.config);
    const problems = configProblems(current.platform as PlatformId, merged);
    if (problems.length) throw new AppError("bad_request:validation", problems.map((p) => `${p.field}: ${p.message}`).join("; "), problems);
    patch.config = merged;
  }
  if (v.credentials !== undefined) {
    const problems = refreshProblems(current.platform as PlatformId, v.credentials, (patch.config ?? current.config ?? {}) as Record<string, unknown>);
    if (problems.length) throw new AppError("bad_request:validation", problems.map((p) => `${p.field}: ${p.message}`).join("; "), problems);
    // New credentials are a new connection: the old token's expiry no longer applies.
    patch.credentialsEncrypted = Object.keys(v.credentials).length ? sealJson(keyring, v.credentials, current.id) : null;
    patch.tokenExpiresAt = null;
  }
  if (v.rate_limit !== undefined) patch.rateLimit = rateLimitOf(v.rate_limit);
  if (v.status !== undefined && v.status !== current.status) {
    patch.status = v.status;
    patch.statusReason = v.status === "disabled" ? "disabled by an admin" : null;
  }
  return patch;
}

/** `tokenExpiresAt`: when new credentials come with a known expiry (an OAuth exchange). */
export async function updatePlatformAccount(db: Db, actor: Actor, keyring: Keyring, id: string, v: AccountPatchInput, tokenExpiresAt?: Date | null) {
  assertCan(actor.role, "accounts:manage");
  return db.transaction(async (tx) => {
    const current = await requireAccountRow(tx, actor, id, true);
    const patch = accountPatchFor(keyring, current, v);
    if (tokenExpiresAt !== undefined && v.credentials !== undefined) patch.tokenExpiresAt = tokenExpiresAt;
    const row = (await updateAccountRow(tx, actor.workspaceId, id, patch))!;
    const before = toView(keyring, current);
    const after = toView(keyring, row);
    await writeAudit(tx, actor, {
      action: "platform_account.update",
      entityType: "platform_account",
      entityId: id,
      before: auditView(before),
      after: { ...auditView(after), ...(v.credentials !== undefined ? { credentials_replaced: true } : {}) },
    });
    return after;
  });
}

/** Deletes the account and, by cascade, its schedules; refused while one of them is being published. */
export async function deletePlatformAccount(db: Db, actor: Actor, keyring: Keyring, id: string) {
  assertCan(actor.role, "accounts:manage");
  await db.transaction(async (tx) => {
    const current = await requireAccountRow(tx, actor, id, true);
    const counts = await scheduleCountsOfAccount(tx, id);
    const publishing = counts.publishing ?? 0;
    if (publishing > 0) {
      throw new AppError(
        "conflict:account_publishing",
        `${current.name} is publishing ${publishing === 1 ? "a post" : `${publishing} posts`} right now; wait until ${publishing === 1 ? "it finishes" : "they finish"}, then delete the account`,
      );
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    await deleteAccountRow(tx, actor.workspaceId, id);
    await writeAudit(tx, actor, {
      action: "platform_account.delete",
      entityType: "platform_account",
      entityId: id,
      before: auditView(toView(keyring, current)),
      after: {
        deleted: true,
        schedules_deleted: total,
        schedules_deleted_by_status: counts,
        note: `deleting ${platformName(current.platform)} account "${current.name}" also deleted its ${total} schedule${total === 1 ? "" : "s"}`,
      },
    });
  });
}

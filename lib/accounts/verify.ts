/**
 * "Check connection": asks the platform, through the adapter's verifyCredentials, whether the
 * stored credentials work, and records the answer on the account. A platform failure is an
 * answer too (status error / needs_reconnect with a reason), not a failure of this request.
 */
import type { AdapterContext, PlatformAdapter, VerifiedAccount } from "@/adapters/adapter";
import { isAdapterError } from "@/adapters/errors";
import { isPlatformId } from "@/adapters/registry";
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { updateAccountRow, type AccountRow, type AccountUpdate } from "@/db/queries/accounts";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { AppError } from "../errors";
import { log } from "../log";
import { accountContext } from "../publishing/context";
import { emitEvent } from "@/lib/events";
import type { AccountDeps } from "./deps";
import { requireAccountRow } from "./manage";
import { verifyAdvice } from "./guides";
import { auditView, platformName, toView } from "./view";

export type Check = { ok: true; verified: VerifiedAccount } | { ok: false; status: "needs_reconnect" | "error"; reason: string };

function withAdvice(message: string, advice: string) {
  return /reconnect|try again/i.test(message) ? message : `${message}; ${advice}`;
}

/** "X said HTTP 401 Unauthorized: …": the platform's own answer first, then what to do about it. */
function reason(platform: string, message: string, httpStatus: number | null, advice: string) {
  const said = httpStatus ? `${platformName(platform)} said HTTP ${httpStatus}${STATUS_TEXT[httpStatus] ? ` ${STATUS_TEXT[httpStatus]}` : ""}: ` : "";
  return `${said}${withAdvice(message, advice)}`;
}
const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

/** Asks the platform, through the adapter, whether this context's credentials work. Never throws. */
export async function checkWith(adapter: PlatformAdapter, ctx: AdapterContext): Promise<Check> {
  const fix = verifyAdvice(ctx.platform);
  try {
    return { ok: true, verified: await adapter.verifyCredentials(ctx) };
  } catch (err) {
    if (!isAdapterError(err)) {
      log.error("verifyCredentials threw a non-adapter error", { accountId: ctx.accountId, err });
      return { ok: false, status: "error", reason: "the check failed unexpectedly (the server log has details)" };
    }
    switch (err.kind) {
      case "auth":
        // The adapter's generic "reconnect the account" gives way to the platform's own advice.
        return {
          ok: false,
          status: "needs_reconnect",
          reason: reason(ctx.platform, err.message.replace(/;\s*reconnect[^;]*$/i, ""), err.httpStatus, fix.auth),
        };
      case "permanent":
        return { ok: false, status: "error", reason: reason(ctx.platform, err.message, err.httpStatus, fix.other) };
      default:
        // retryable, rate_limited, unknown_outcome: the platform could not answer right now.
        return { ok: false, status: "error", reason: reason(ctx.platform, err.message, err.httpStatus, "try checking again later") };
    }
  }
}

const check = (db: Db, deps: AccountDeps, adapter: PlatformAdapter, row: AccountRow) => checkWith(adapter, accountContext(db, deps, row));

export function requireAdapter(deps: AccountDeps, platform: string): PlatformAdapter {
  const adapter = isPlatformId(platform) ? deps.adapters(platform) : null;
  if (!adapter) {
    const name = platformName(platform);
    throw new AppError(
      "conflict:platform_unavailable",
      `${name} is not available for publishing in this version yet, so ${name} accounts cannot be checked or connected`,
    );
  }
  return adapter;
}

export async function verifyPlatformAccount(db: Db, actor: Actor, deps: AccountDeps, id: string) {
  assertCan(actor.role, "accounts:manage");
  const row = await requireAccountRow(db, actor, id);
  const adapter = requireAdapter(deps, row.platform);
  // Outside any transaction: the platform may take seconds to answer.
  const result = await check(db, deps, adapter, row);
  return db.transaction(async (tx) => {
    // Read again: the adapter may have saved a fresh session, or an admin changed something.
    const current = await requireAccountRow(tx, actor, id, true);
    const disabled = current.status === "disabled";
    const patch: AccountUpdate = result.ok
      ? {
          // A disabled account stays disabled; the check still records what it learned.
          status: disabled ? "disabled" : "active",
          statusReason: disabled ? "disabled by an admin" : null,
          lastVerifiedAt: new Date(),
          externalId: result.verified.externalId ?? current.externalId,
          config: { ...((current.config ?? {}) as Record<string, unknown>), ...(result.verified.config ?? {}) },
        }
      : { status: disabled ? "disabled" : result.status, statusReason: result.reason };
    const updated = (await updateAccountRow(tx, actor.workspaceId, id, patch))!;
    const after = toView(deps.keyring, updated);
    await writeAudit(tx, actor, {
      action: "platform_account.verify",
      entityType: "platform_account",
      entityId: id,
      before: auditView(toView(deps.keyring, current)),
      after: { ...auditView(after), verified: result.ok, ...(result.ok ? { platform_name: result.verified.name } : {}) },
    });
    // Newly refused credentials reach the admins (notifications, webhooks) as a failed publish would.
    if (updated.status === "needs_reconnect" && current.status !== "needs_reconnect") {
      await emitEvent(tx, actor.workspaceId, "account_needs_reconnect", { platform_account_id: id, reason: updated.statusReason });
    }
    return after;
  });
}

import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { workspaceIdsOfUser } from "@/db/queries/sign-in-security";

/** The sign-in security events, as recorded in the audit log. */
export const SECURITY_ACTIONS = {
  signIn: "auth.sign_in",
  signInFailed: "auth.sign_in_failed",
  twoFactorOn: "auth.two_factor_enabled",
  twoFactorOff: "auth.two_factor_disabled",
  recoveryCodeUsed: "auth.recovery_code_used",
  recoveryCodesRenewed: "auth.recovery_codes_renewed",
  resetRequested: "auth.password_reset_requested",
  resetLinkCreated: "auth.password_reset_link_created",
  resetCompleted: "auth.password_reset",
  passwordChanged: "auth.password_changed",
} as const;

/**
 * A person's security event goes to the audit log of every workspace they belong to, so each of
 * their admins sees it; with no workspace (or no known person) it is kept without one, for
 * operators. `by` is who acted: the person, nobody yet (a sign-in attempt), or an admin.
 */
export async function auditSecurityEvent(
  db: Db,
  e: { action: string; userId: string | null; by: string | null; ip: string | null; details?: Record<string, unknown> },
) {
  const workspaceIds = e.userId ? await workspaceIdsOfUser(db, e.userId) : [];
  const entry = { action: e.action, entityType: "user", entityId: e.userId, after: e.details ?? null };
  const targets: (string | null)[] = workspaceIds.length ? workspaceIds : [null];
  for (const workspaceId of targets) {
    await writeAudit(db, { workspaceId: workspaceId as string, userId: e.by, tokenId: null, ip: e.ip }, entry);
  }
}

import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { getRequireTwoFactor, getSecurityState, setRequireTwoFactor, twoFactorOfMembers } from "@/db/queries/sign-in-security";
import { listMembers } from "@/db/queries/workspaces";
import { AppError } from "../errors";
import type { Actor } from "./actor";
import { assertCan } from "./permissions";

/**
 * "Require two-factor sign-in for members". The admin turning it on must have it themselves,
 * or they would lock themselves out of the page they are on.
 */
export async function setTwoFactorRequirement(db: Db, actor: Actor, on: boolean) {
  assertCan(actor.role, "members:manage");
  if (on && actor.userId) {
    const me = await getSecurityState(db, actor.userId);
    if (!me?.totpEnabledAt) throw new AppError("conflict:two_factor", "Turn on two-factor sign-in for yourself first (Profile), then require it for everyone.");
  }
  return db.transaction(async (tx) => {
    const before = await setRequireTwoFactor(tx, actor.workspaceId, on);
    if (before !== on) {
      await writeAudit(tx, actor, {
        action: "workspace.two_factor_requirement",
        entityType: "workspace",
        entityId: actor.workspaceId,
        before: { require_two_factor: before },
        after: { require_two_factor: on },
      });
    }
    return { requireTwoFactor: on };
  });
}

export async function membersWithTwoFactor(db: Db, actor: Actor) {
  assertCan(actor.role, "members:read");
  return twoFactorOfMembers(db, actor.workspaceId);
}

/** Whether the workspace requires two-factor sign-in of its members. */
export async function twoFactorRequired(db: Db, actor: Actor) {
  assertCan(actor.role, "workspace:read");
  return getRequireTwoFactor(db, actor.workspaceId);
}

/** The workspace's sign-in security as the API shows it. */
export async function signInSecurityOf(db: Db, actor: Actor) {
  const [required, withTwoFactor, members] = await Promise.all([
    getRequireTwoFactor(db, actor.workspaceId),
    twoFactorOfMembers(db, actor.workspaceId),
    listMembers(db, actor.workspaceId),
  ]);
  return { require_two_factor: required, members: members.length, members_with_two_factor: withTwoFactor.size };
}

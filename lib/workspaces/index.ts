import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { findUserByEmail, insertUser, listMembershipsOfUser, getMembership, setLastWorkspace, getPreferences } from "@/db/queries/users";
import {
  countAdmins,
  deleteMembership,
  findOpenInviteByHash,
  getMember,
  insertInvite,
  insertMembership,
  insertWorkspace,
  listMembers,
  listOpenInvites,
  markInviteAccepted,
  revokeInvite,
  updateMemberRole,
} from "@/db/queries/workspaces";
import { revokeTokensOf } from "@/db/queries/tokens";
import { hashToken, newToken } from "../crypto";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { hashPassword } from "../auth/passwords";
import { assertCan, roleAtMost, type Role } from "../auth/permissions";
import type { SignUpInput } from "../validation/identity";

const INVITE_DAYS = 7;

/**
 * Creates a user. With an invite token they join the inviting workspace with the invited role;
 * otherwise they get a new workspace of their own as its admin.
 */
export async function signUp(db: Db, input: SignUpInput, opts: { openSignup: boolean } = { openSignup: true }) {
  const invite = input.inviteToken ? await findOpenInviteByHash(db, hashToken(input.inviteToken)) : null;
  if (input.inviteToken && !invite) throw new AppError("bad_request:invite", "This invite link is invalid, used or expired. Ask for a new one.");
  if (!invite && !opts.openSignup) throw new AppError("forbidden:signup", "Sign-up is closed on this server. Ask an admin of a workspace for an invite.");
  if (invite && invite.email !== input.email) {
    throw new AppError("bad_request:invite", `This invite is for ${invite.email}. Sign up with that address.`);
  }
  if (await findUserByEmail(db, input.email)) {
    throw new AppError("conflict:user", "An account with this email already exists. Sign in instead.");
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const user = await insertUser(tx, { email: input.email, name: input.name, passwordHash });
    let workspaceId: string;
    if (invite) {
      workspaceId = invite.workspaceId;
      await insertMembership(tx, { workspaceId, userId: user.id, role: invite.role });
      await markInviteAccepted(tx, invite.id);
    } else {
      const ws = await insertWorkspace(tx, { name: input.workspaceName || `${input.name}'s workspace` });
      workspaceId = ws.id;
      await insertMembership(tx, { workspaceId, userId: user.id, role: "admin" });
    }
    await setLastWorkspace(tx, user.id, workspaceId);
    await writeAudit(tx, { workspaceId, userId: user.id, tokenId: null }, { action: invite ? "member.join" : "workspace.create", entityType: "user", entityId: user.id, after: { email: user.email, name: user.name } });
    return { user, workspaceId };
  });
}

/** The workspaces a user belongs to and the one they are in now (last used, else first). */
export async function workspacesOfUser(db: Db, userId: string, preferredId?: string | null) {
  const list = await listMembershipsOfUser(db, userId);
  const last = preferredId ?? (await getPreferences(db, userId))?.lastWorkspaceId;
  const current = list.find((m) => m.workspaceId === last) ?? list[0] ?? null;
  return { list, current };
}

export async function switchWorkspace(db: Db, userId: string, workspaceId: string) {
  const m = await getMembership(db, userId, workspaceId);
  if (!m) throw notFound("workspace");
  await setLastWorkspace(db, userId, workspaceId);
  return m.role;
}

export async function listTeam(db: Db, actor: Actor) {
  assertCan(actor.role, "members:read");
  const [members, invites] = await Promise.all([listMembers(db, actor.workspaceId), actor.role === "admin" ? listOpenInvites(db, actor.workspaceId) : Promise.resolve([])]);
  return { members, invites };
}

/**
 * Invites by email. A person who already has an account joins at once; anyone else gets a
 * sign-up link (returned once, to show or send) that joins them on sign-up.
 */
export async function inviteMember(db: Db, actor: Actor, input: { email: string; role: Role }) {
  assertCan(actor.role, "members:manage");
  if (!roleAtMost(input.role, actor.role)) throw new AppError("forbidden", `a ${actor.role} cannot invite a ${input.role}`);
  const existing = await findUserByEmail(db, input.email);
  return db.transaction(async (tx) => {
    if (existing) {
      if (await getMembership(tx, existing.id, actor.workspaceId)) {
        throw new AppError("conflict:member", `${input.email} is already a member of this workspace`);
      }
      await insertMembership(tx, { workspaceId: actor.workspaceId, userId: existing.id, role: input.role });
      await writeAudit(tx, actor, { action: "member.add", entityType: "membership", entityId: existing.id, after: { email: input.email, role: input.role } });
      return { kind: "added" as const, userId: existing.id, email: input.email, role: input.role };
    }
    const token = newToken("inv", 24);
    const invite = await insertInvite(tx, {
      workspaceId: actor.workspaceId,
      email: input.email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedBy: actor.userId,
      expiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000),
    });
    await writeAudit(tx, actor, { action: "invite.create", entityType: "invite", entityId: invite.id, after: { email: input.email, role: input.role } });
    return { kind: "invited" as const, inviteId: invite.id, email: input.email, role: input.role, token, expiresAt: invite.expiresAt };
  });
}

export async function cancelInvite(db: Db, actor: Actor, inviteId: string) {
  assertCan(actor.role, "members:manage");
  await db.transaction(async (tx) => {
    if (!(await revokeInvite(tx, actor.workspaceId, inviteId))) throw notFound("invite");
    await writeAudit(tx, actor, { action: "invite.revoke", entityType: "invite", entityId: inviteId });
  });
}

export async function lookupInvite(db: Db, token: string) {
  const invite = await findOpenInviteByHash(db, hashToken(token));
  return invite ? { email: invite.email, role: invite.role, workspaceName: invite.workspaceName } : null;
}

async function guardLastAdmin(db: Db, workspaceId: string, userId: string, nextRole: Role | null) {
  const member = await getMember(db, workspaceId, userId);
  if (!member) throw notFound("member");
  if (member.role === "admin" && nextRole !== "admin" && (await countAdmins(db, workspaceId)) <= 1) {
    throw new AppError("conflict:last_admin", "A workspace needs at least one admin. Make someone else admin first.");
  }
  return member;
}

export async function changeMemberRole(db: Db, actor: Actor, userId: string, role: Role) {
  assertCan(actor.role, "members:manage");
  return db.transaction(async (tx) => {
    const member = await guardLastAdmin(tx, actor.workspaceId, userId, role);
    await updateMemberRole(tx, actor.workspaceId, userId, role);
    await writeAudit(tx, actor, { action: "member.role", entityType: "membership", entityId: userId, before: { role: member.role }, after: { role } });
    return { ...member, role };
  });
}

export async function removeMember(db: Db, actor: Actor, userId: string) {
  assertCan(actor.role, "members:manage");
  await db.transaction(async (tx) => {
    const member = await guardLastAdmin(tx, actor.workspaceId, userId, null);
    await deleteMembership(tx, actor.workspaceId, userId);
    const revoked = await revokeTokensOf(tx, actor.workspaceId, userId);
    await writeAudit(tx, actor, { action: "member.remove", entityType: "membership", entityId: userId, before: { email: member.email, role: member.role }, after: { revoked_tokens: revoked.length } });
  });
}

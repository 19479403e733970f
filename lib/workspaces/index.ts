import type { Db } from "@/db/client";
import { isUniqueViolation } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { revokeTokensOf } from "@/db/queries/tokens";
import { findUserByEmail, insertUser, listMembershipsOfUser, getMembership, setLastWorkspace, getPreferences } from "@/db/queries/users";
import { readPreferences, writePreferences } from "@/db/queries/preferences";
import {
  claimInvite,
  countAdminsForUpdate,
  declineInviteRow,
  deleteMembership,
  findOpenInviteByHash,
  getMember,
  getWorkspace,
  insertInvite,
  insertMembership,
  insertWorkspace,
  listMembers,
  listOpenInvites,
  listOpenInvitesForEmail,
  revokeInvite,
  revokeOpenInvitesTo,
  updateMemberRole,
} from "@/db/queries/workspaces";
import { hashToken, newToken } from "../crypto";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { hashPassword } from "../auth/passwords";
import { assertCan, can, roleAtMost, type Role } from "../auth/permissions";
import type { SignUpInput } from "../validation/identity";
import { insertRecommendedRules } from "../alerts/defaults";
import { currentZoneName, isValidTimeZone } from "../time";

const badZone = (zone: string) =>
  new AppError("bad_request:invalid_timezone", `timezone "${zone}" is not a known IANA time zone`, [{ field: "timezone", message: "unknown time zone" }]);

const INVITE_DAYS = 7;
const emailTaken = () => new AppError("conflict:user", "An account with this email already exists. Sign in instead.");
const inviteGone = () => new AppError("bad_request:invite", "This invite link is invalid, used or expired. Ask for a new one.");

/**
 * Creates a user. With an invite token they join the inviting workspace with the invited role;
 * otherwise (when the server allows open sign-up) they get a new workspace where they are admin.
 */
export async function signUp(db: Db, input: SignUpInput, opts: { openSignup: boolean }) {
  const invite = input.inviteToken ? await findOpenInviteByHash(db, hashToken(input.inviteToken)) : null;
  if (input.inviteToken && !invite) throw inviteGone();
  if (!invite && !opts.openSignup) throw new AppError("forbidden:signup", "Sign-up is closed on this server. Ask an admin of a workspace for an invite.");
  if (invite && invite.email !== input.email) {
    throw new AppError("bad_request:invite", `This invite is for ${invite.email}. Sign up with that address.`);
  }
  if (input.timezone !== undefined && !isValidTimeZone(input.timezone)) throw badZone(input.timezone);
  if (await findUserByEmail(db, input.email)) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const user = await insertUser(tx, { email: input.email, name: input.name, passwordHash });
      let workspaceId: string;
      if (input.inviteToken) {
        const claimed = await claimInvite(tx, { tokenHash: hashToken(input.inviteToken) }, input.email);
        if (!claimed) throw inviteGone(); // revoked or used since the check above: nothing is kept
        workspaceId = claimed.workspaceId;
        await insertMembership(tx, { workspaceId, userId: user.id, role: claimed.role });
      } else {
        // The creator's browser zone is the new workspace's default (API tokens, feeds, new accounts).
        const ws = await insertWorkspace(tx, {
          name: input.workspaceName || `${input.name}'s workspace`,
          ...(input.timezone ? { defaultTimezone: currentZoneName(input.timezone) } : {}),
        });
        workspaceId = ws.id;
        await insertMembership(tx, { workspaceId, userId: user.id, role: "admin" });
        await insertRecommendedRules(tx, workspaceId, user.id);
      }
      await setLastWorkspace(tx, user.id, workspaceId);
      // The zone was shown on the form ("Times will show in …"): submitting it confirms it.
      if (input.timezone) await writePreferences(tx, user.id, { timezone: currentZoneName(input.timezone), timezoneConfirmedAt: new Date() });
      await writeAudit(
        tx,
        { workspaceId, userId: user.id, tokenId: null },
        { action: invite ? "member.join" : "workspace.create", entityType: "user", entityId: user.id, after: { email: user.email, name: user.name } },
      );
      return { user, workspaceId };
    });
  } catch (err) {
    // Two sign-ups with one email at the same moment: the second meets the unique index.
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
}

/** Where open sign-up is off, nobody starts a new workspace (by hand or by importing an archive). */
export function assertMayCreateWorkspace(openSignup: boolean): void {
  if (!openSignup) throw new AppError("forbidden:signup", "New workspaces are by invitation only on this server. Ask an admin for an invite.");
}

/**
 * A signed-in person starts a workspace of their own (where open sign-up is allowed). Its default
 * zone is the creator's: the one they confirmed, else their browser's (`timezone`), else UTC.
 */
export async function createWorkspaceFor(db: Db, user: { id: string }, name: string, opts: { openSignup: boolean; timezone?: string }) {
  assertMayCreateWorkspace(opts.openSignup);
  if (opts.timezone !== undefined && !isValidTimeZone(opts.timezone)) throw badZone(opts.timezone);
  const prefs = await readPreferences(db, user.id);
  const zone = prefs?.timezoneConfirmedAt ? prefs.timezone : currentZoneName(opts.timezone ?? prefs?.timezone ?? "UTC");
  return db.transaction(async (tx) => {
    const ws = await insertWorkspace(tx, { name, defaultTimezone: zone });
    await insertMembership(tx, { workspaceId: ws.id, userId: user.id, role: "admin" });
    await insertRecommendedRules(tx, ws.id, user.id);
    await setLastWorkspace(tx, user.id, ws.id);
    await writeAudit(
      tx,
      { workspaceId: ws.id, userId: user.id, tokenId: null },
      { action: "workspace.create", entityType: "workspace", entityId: ws.id, after: { name } },
    );
    return ws;
  });
}

/** The workspaces a user belongs to, by name. */
export function membershipsOf(db: Db, userId: string) {
  return listMembershipsOfUser(db, userId);
}

/** The workspaces a user belongs to and the one they are in now (preferred, last used, else first). */
export async function workspacesOfUser(db: Db, userId: string, preferredId?: string | null) {
  const list = await membershipsOf(db, userId);
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

/** The workspace the actor acts in (name, slug, default zone, approval policy); null if it is gone. */
export async function currentWorkspace(db: Db, actor: Actor) {
  assertCan(actor.role, "workspace:read");
  return getWorkspace(db, actor.workspaceId);
}

/** The workspace's members, by name. */
export async function listTeamMembers(db: Db, actor: Actor) {
  assertCan(actor.role, "members:read");
  return listMembers(db, actor.workspaceId);
}

/** One member of the workspace. */
export async function getTeamMember(db: Db, actor: Actor, userId: string) {
  assertCan(actor.role, "members:read");
  const member = await getMember(db, actor.workspaceId, userId);
  if (!member) throw notFound("member");
  return member;
}

export async function listTeam(db: Db, actor: Actor) {
  assertCan(actor.role, "members:read");
  const [members, invites] = await Promise.all([
    listMembers(db, actor.workspaceId),
    can(actor.role, "members:manage") ? listOpenInvites(db, actor.workspaceId) : Promise.resolve([]),
  ]);
  return { members, invites };
}

/**
 * Invites by email. Whether or not the person has an account here, they get an invite to accept
 * (a sign-up link, or a notice after they sign in): nobody is put into a workspace unasked, and the
 * answer does not tell the inviter whether an account exists. A new invite replaces an open one.
 */
export async function inviteMember(db: Db, actor: Actor, input: { email: string; role: Role }) {
  assertCan(actor.role, "members:manage");
  if (!roleAtMost(input.role, actor.role)) throw new AppError("forbidden", `a ${actor.role} cannot invite a ${input.role}`);
  const existing = await findUserByEmail(db, input.email);
  if (existing && (await getMembership(db, existing.id, actor.workspaceId))) {
    throw new AppError("conflict:member", `${input.email} is already a member of this workspace`);
  }
  return db.transaction(async (tx) => {
    await revokeOpenInvitesTo(tx, actor.workspaceId, input.email);
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
    return { inviteId: invite.id, email: input.email, role: input.role, token, expiresAt: invite.expiresAt };
  });
}

export async function cancelInvite(db: Db, actor: Actor, inviteId: string) {
  assertCan(actor.role, "members:manage");
  await db.transaction(async (tx) => {
    if (!(await revokeInvite(tx, actor.workspaceId, inviteId))) throw notFound("invite");
    await writeAudit(tx, actor, { action: "invite.revoke", entityType: "invite", entityId: inviteId });
  });
}

/** What a sign-up page may show about an invite token: only to the person holding the link. */
export async function lookupInvite(db: Db, token: string) {
  const invite = await findOpenInviteByHash(db, hashToken(token));
  // Nothing about whether the email has an account: the inviter holds this link too.
  return invite ? { email: invite.email, role: invite.role, workspaceName: invite.workspaceName } : null;
}

/** Invites waiting for a signed-in person (matched by their email). */
export function pendingInvites(db: Db, user: { email: string }) {
  return listOpenInvitesForEmail(db, user.email);
}

export async function acceptInvite(db: Db, user: { id: string; email: string }, inviteId: string) {
  return db.transaction(async (tx) => {
    const claimed = await claimInvite(tx, { id: inviteId }, user.email);
    if (!claimed) throw notFound("invite");
    await insertMembership(tx, { workspaceId: claimed.workspaceId, userId: user.id, role: claimed.role });
    await setLastWorkspace(tx, user.id, claimed.workspaceId);
    await writeAudit(
      tx,
      { workspaceId: claimed.workspaceId, userId: user.id, tokenId: null },
      { action: "member.join", entityType: "membership", entityId: user.id, after: { role: claimed.role } },
    );
    return claimed;
  });
}

export async function declineInvite(db: Db, user: { id: string; email: string }, inviteId: string) {
  await db.transaction(async (tx) => {
    const row = await declineInviteRow(tx, inviteId, user.email);
    if (!row) throw notFound("invite");
    await writeAudit(
      tx,
      { workspaceId: row.workspaceId, userId: user.id, tokenId: null },
      { action: "invite.decline", entityType: "invite", entityId: inviteId },
    );
  });
}

async function guardLastAdmin(db: Db, workspaceId: string, userId: string, nextRole: Role | null) {
  const admins = await countAdminsForUpdate(db, workspaceId);
  const member = await getMember(db, workspaceId, userId);
  if (!member) throw notFound("member");
  if (member.role === "admin" && nextRole !== "admin" && admins <= 1) {
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
    await writeAudit(tx, actor, {
      action: "member.remove",
      entityType: "membership",
      entityId: userId,
      before: { email: member.email, role: member.role },
      after: { revoked_tokens: revoked.length },
    });
  });
}

import type { Db } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import { getMember } from "@/db/queries/workspaces";
import { clearAttempts, countAttempt } from "@/db/queries/login-attempts";
import {
  consumeReset,
  findOpenReset,
  getPasswordHash,
  insertPasswordReset,
  resetLinkReach,
  setPasswordAndBump,
  voidOpenResets,
} from "@/db/queries/sign-in-security";
import { writeAudit } from "@/db/queries/audit";
import { hashToken, newToken } from "../crypto";
import { AppError, notFound } from "../errors";
import { escapeHtml, type Mailer } from "../notifications/email";
import { log } from "../log";
import type { Actor } from "./actor";
import { assertCan } from "./permissions";
import { hashPassword, verifyPassword } from "./passwords";
import { ThrottledError, type ThrottlePolicy } from "./throttle";
import { auditSecurityEvent, SECURITY_ACTIONS } from "./security-audit";

export const RESET_EMAIL_MINUTES = 30;
/** A link an admin hands over by hand travels slower than an email: it lasts a day. */
export const RESET_ADMIN_HOURS = 24;
/** Emails one address may be sent per RESET_EMAIL_MINUTES; more requests get the same answer and no email. */
export const RESET_EMAILS_PER_WINDOW = 3;

const TOKEN_PREFIX = "rst";
export const resetUrl = (baseUrl: string, token: string) => `${baseUrl}/reset-password?token=${encodeURIComponent(token)}`;

function resetEmail(name: string, url: string) {
  const text = [
    `Hello ${name},`,
    "",
    "Someone (we hope you) asked to reset your Scheduler password. Choose a new one here:",
    url,
    "",
    `The link works once, for ${RESET_EMAIL_MINUTES} minutes. If you did not ask, ignore this email: your password stays as it is.`,
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#0f172a">
<p>Hello ${escapeHtml(name)},</p>
<p>Someone (we hope you) asked to reset your Scheduler password.</p>
<p><a href="${escapeHtml(url)}">Choose a new password</a></p>
<p style="font-size:12px;color:#475569">The link works once, for ${RESET_EMAIL_MINUTES} minutes. If you did not ask, ignore this email: your password stays as it is.</p>
</body></html>`;
  return { subject: "Reset your Scheduler password", text, html };
}

/**
 * "Forgot password?": the answer is the same whether or not the address exists, and the email
 * is sent after the answer (`delivery`), so the time taken does not tell either. Returns nothing
 * the caller could show differently.
 */
export async function requestPasswordReset(
  db: Db,
  deps: { mailer: Mailer; baseUrl: string },
  email: string,
  ip: string | null,
): Promise<{ delivery: Promise<void> }> {
  const idle = { delivery: Promise.resolve() };
  const { failures } = await countAttempt(db, `reset:${email.toLowerCase()}`, RESET_EMAIL_MINUTES);
  if (failures > RESET_EMAILS_PER_WINDOW) return idle;
  const user = await findUserByEmail(db, email);
  if (!user) return idle;
  const token = newToken(TOKEN_PREFIX);
  await db.transaction(async (tx) => {
    await insertPasswordReset(tx, {
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + RESET_EMAIL_MINUTES * 60_000),
      createdBy: null,
    });
    await auditSecurityEvent(tx, { action: SECURITY_ACTIONS.resetRequested, userId: user.id, by: null, ip, details: { via: "email" } });
  });
  const delivery = deps.mailer.send({ to: user.email, ...resetEmail(user.name, resetUrl(deps.baseUrl, token)) }).catch((err: unknown) => {
    log.warn("password reset email failed", { userId: user.id, err: err instanceof Error ? err.message : String(err) });
  });
  return { delivery };
}

/**
 * Why an admin may not make a reset link for this member, or null when they may. The link resets
 * the whole account: another admin of this workspace is a peer, not someone to take over, and a
 * member of other workspaces would open those too, unless the admin is an admin there as well.
 */
export function resetLinkRefusal(m: { role: string; unvouchedWorkspaces: number }): string | null {
  if (m.role === "admin") return "You cannot make a reset link for another admin of this workspace: it would hand over their account.";
  if (m.unvouchedWorkspaces > 0) {
    return "You cannot make a reset link for this person: they also belong to workspaces where you are not an admin, and the link would open those too. An admin of all their workspaces can make it.";
  }
  return null;
}

/** Members of the actor's workspace for whom a reset link would be refused, with why (for the team screen). */
export async function resetLinkRefusals(db: Db, actor: Actor): Promise<Map<string, string>> {
  const rows = await resetLinkReach(db, actor.workspaceId, actor.userId);
  const out = new Map<string, string>();
  for (const r of rows) {
    const why = resetLinkRefusal(r);
    if (why) out.set(r.userId, why);
  }
  return out;
}

/** Without SMTP, an admin makes the link for a member and hands it over (shown once). */
export async function createResetLinkForMember(db: Db, actor: Actor, userId: string, baseUrl: string) {
  assertCan(actor.role, "members:manage");
  const member = await getMember(db, actor.workspaceId, userId);
  if (!member) throw notFound("member");
  const [reach] = await resetLinkReach(db, actor.workspaceId, actor.userId, userId);
  const why = reach ? resetLinkRefusal(reach) : null;
  if (why) throw new AppError("forbidden:reset_link", why);
  const token = newToken(TOKEN_PREFIX);
  const expiresAt = new Date(Date.now() + RESET_ADMIN_HOURS * 3_600_000);
  await db.transaction(async (tx) => {
    await insertPasswordReset(tx, { userId, tokenHash: hashToken(token), expiresAt, createdBy: actor.userId });
    // In the admin's workspace only: the other workspaces of the member see the reset itself.
    await writeAudit(tx, actor, {
      action: SECURITY_ACTIONS.resetLinkCreated,
      entityType: "user",
      entityId: userId,
      after: { email: member.email, expires_at: expiresAt.toISOString() },
    });
  });
  return { url: resetUrl(baseUrl, token), email: member.email, expiresAt };
}

/** Who a reset link is for, while it is still open (for the page to greet them). */
export async function lookupReset(db: Db, token: string) {
  const row = await findOpenReset(db, hashToken(token));
  return row ? { email: row.email } : null;
}

const badLink = () => new AppError("bad_request:reset_token", "This reset link is invalid, used or expired. Ask for a new one.");

/**
 * Sets a new password from a reset link: the link (and any other open one) is used up, every session of the person ends
 * (session version), and sign-in lockouts on their email are lifted. Two-factor sign-in stays on.
 */
export async function resetPassword(db: Db, token: string, password: string, ip: string | null) {
  const row = await findOpenReset(db, hashToken(token));
  if (!row) throw badLink();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    if (!(await consumeReset(tx, row.id))) throw badLink();
    // Any other link still open (made in a race with this one) goes too: the password it would reset is new.
    await voidOpenResets(tx, row.userId);
    await setPasswordAndBump(tx, row.userId, passwordHash);
    await clearAttempts(tx, [`email:${row.email.toLowerCase()}`]);
    await auditSecurityEvent(tx, {
      action: SECURITY_ACTIONS.resetCompleted,
      userId: row.userId,
      by: row.userId,
      ip,
      details: { via: row.createdBy ? "admin_link" : "email" },
    });
  });
  return { email: row.email };
}

/**
 * Changing the password from the profile: the current one is checked under the sign-in limiter
 * (a borrowed session cannot guess it freely). Returns the new session version, which the
 * calling session takes over; every other session ends.
 */
export async function changePassword(
  db: Db,
  policy: ThrottlePolicy,
  user: { id: string; email: string },
  current: string,
  password: string,
  ip: string | null,
) {
  const key = `email:${user.email.toLowerCase()}`;
  const { failures, lockedUntil } = await countAttempt(db, key, policy.lockoutMinutes);
  if (lockedUntil && lockedUntil > new Date()) throw new ThrottledError(lockedUntil);
  if (failures > policy.maxFailures) throw new AppError("rate_limited:password", "Too many wrong passwords. Try again later.");
  const hash = await getPasswordHash(db, user.id);
  if (!hash || !(await verifyPassword(current, hash))) throw new AppError("bad_request:current_password", "Your current password is not right.");
  if (current === password) throw new AppError("bad_request:password", "Choose a password different from the current one.");
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    await clearAttempts(tx, [key]);
    // A reset link asked for earlier would otherwise still replace the password just chosen.
    await voidOpenResets(tx, user.id);
    const version = await setPasswordAndBump(tx, user.id, passwordHash);
    await auditSecurityEvent(tx, { action: SECURITY_ACTIONS.passwordChanged, userId: user.id, by: user.id, ip });
    return { sessionVersion: version };
  });
}

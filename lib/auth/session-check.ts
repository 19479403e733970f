import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { getSecurityState, getStreamSessionState } from "@/db/queries/sign-in-security";
import { getUser } from "@/db/queries/users";
import { AppError, unauthorized } from "../errors";

export type SessionStatus = "current" | "ended" | "needs_two_factor";

/** The version a session token carries; tokens from before versions existed count as 0. */
export const sessionVersionOf = (claims: Record<string, unknown> | null | undefined) => (typeof claims?.sv === "number" ? claims.sv : 0);

/**
 * Whether a browser session may still act: its person exists, it was issued at their current
 * session version (a password reset or change bumps it, ending other sessions), and — when a
 * workspace of theirs requires it — they have a second factor.
 */
export async function sessionStatus(db: Db, userId: string, version: number): Promise<SessionStatus> {
  const s = await getSecurityState(db, userId);
  if (!s || s.sessionVersion !== version) return "ended";
  if (s.twoFactorRequired && !s.totpEnabledAt) return "needs_two_factor";
  return "current";
}

/** The signed-in person (id, email, name) by the id their session names; null once the account is gone. */
export function currentUser(db: Db, userId: string) {
  return getUser(db, userId);
}

/**
 * For a long-lived response (the event stream) on a browser session: whether it may go on, in
 * one query — the same session checks as `sessionStatus`, and still a member of the workspace.
 */
export async function sessionMayContinue(db: Db, userId: string, version: number, workspaceId: string): Promise<boolean> {
  const s = await getStreamSessionState(db, userId, workspaceId);
  return !!s && s.sessionVersion === version && s.member && !(s.twoFactorRequired && !s.totpEnabledAt);
}

/** For the API's cookie path: an ended session is a 401; one that must enrol first, a 403. */
export async function assertSessionCurrent(db: Db, jwt: Record<string, unknown> | null) {
  const userId = typeof jwt?.uid === "string" ? jwt.uid : null;
  if (!userId) throw unauthorized();
  const status = await sessionStatus(db, userId, sessionVersionOf(jwt));
  if (status === "ended") throw unauthorized("your session has ended (the password was changed or reset); sign in again");
  if (status === "needs_two_factor") {
    throw new AppError(
      "forbidden:two_factor_required",
      "your workspace requires two-factor sign-in: set it up at /two-factor/setup (API tokens are not affected)",
    );
  }
}

/**
 * A short-lived ticket the session that changed its own password uses to carry the new version
 * into its token (see nextauth.ts), so that session stays signed in while the others end.
 * Signed with the app's secret and bound to the person and the version.
 */
export function sessionRefreshTicket(secret: string, userId: string, version: number, now = Date.now()): string {
  const exp = Math.floor(now / 1000) + 120;
  const mac = crypto.createHmac("sha256", secret).update(`session-refresh|${userId}|${version}|${exp}`).digest("base64url");
  return `${version}.${exp}.${mac}`;
}

/** The version a valid ticket grants this person, or null. */
export function readSessionRefreshTicket(secret: string, userId: string, ticket: unknown, now = Date.now()): number | null {
  if (typeof ticket !== "string") return null;
  const m = /^(\d{1,9})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(ticket);
  if (!m) return null;
  const [, v, exp, mac] = m as unknown as [string, string, string, string];
  if (Number(exp) < Math.floor(now / 1000)) return null;
  const want = crypto.createHmac("sha256", secret).update(`session-refresh|${userId}|${v}|${exp}`).digest("base64url");
  if (want.length !== mac.length || !crypto.timingSafeEqual(Buffer.from(want), Buffer.from(mac))) return null;
  return Number(v);
}

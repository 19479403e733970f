import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/app/_server/nextauth";
import { getDb } from "@/lib/database";
import { workspacesOfUser } from "@/lib/workspaces";
import type { Actor } from "@/lib/auth/actor";
import { clientAddress } from "@/lib/auth/client-address";
import { getConfig } from "@/lib/config";
import { currentUser, sessionStatus, type SessionStatus } from "@/lib/auth/session-check";

export const WORKSPACE_COOKIE = "workspace";

/** The session's user id and version as the cookie says, not yet checked against the database. */
export async function sessionClaims(): Promise<{ userId: string; version: number } | null> {
  const session = await getServerSession(authOptions());
  const u = session?.user as { id?: string; sv?: number } | undefined;
  return u?.id ? { userId: u.id, version: typeof u.sv === "number" ? u.sv : 0 } : null;
}

/** The signed-in user's id, or null (also when the session has ended). */
export async function sessionUserId(): Promise<string | null> {
  const claims = await sessionClaims();
  if (!claims) return null;
  return (await sessionStatus(await getDb(), claims.userId, claims.version)) === "ended" ? null : claims.userId;
}

/**
 * The signed-in user; redirects to sign-in otherwise, also when the session was ended by a
 * password reset or change elsewhere. `status` says whether they still must enrol a second factor.
 */
export async function requireUser(): Promise<{
  db: Awaited<ReturnType<typeof getDb>>;
  user: { id: string; email: string; name: string };
  status: SessionStatus;
}> {
  const claims = await sessionClaims();
  if (!claims) redirect("/signin");
  const db = await getDb();
  const status = await sessionStatus(db, claims.userId, claims.version);
  if (status === "ended") redirect("/signin?ended=1");
  const user = await currentUser(db, claims.userId);
  if (!user) redirect("/signin");
  return { db, user, status };
}

/**
 * The signed-in user with their workspaces and the current one. Without a session: sign-in.
 * Without any workspace (removed from the last one): the invitations page.
 */
export async function requireMember() {
  const { db, user, status } = await requireUser();
  // A workspace of theirs requires a second factor: nothing else until it is set up.
  if (status === "needs_two_factor") redirect("/two-factor/setup");
  const userId = user.id;
  const preferred = (await cookies()).get(WORKSPACE_COOKIE)?.value ?? null;
  const { list, current } = await workspacesOfUser(db, userId, preferred);
  if (!current) redirect("/invites");
  const ip = clientAddress((await headers()).get("x-forwarded-for"), getConfig().trustProxyHops);
  const actor: Actor = { userId, tokenId: null, workspaceId: current.workspaceId, role: current.role, ip };
  return { db, user, workspaces: list, current, actor };
}

/** The client's address, when a trusted proxy vouches for it (for the audit log). */
export async function requestIp(): Promise<string | null> {
  return clientAddress((await headers()).get("x-forwarded-for"), getConfig().trustProxyHops);
}

import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/app/_server/nextauth";
import { getDb } from "@/db";
import { getUser } from "@/db/queries/users";
import { workspacesOfUser } from "@/lib/workspaces";
import type { Actor } from "@/lib/auth/actor";
import { clientAddress } from "@/lib/auth/client-address";
import { getConfig } from "@/lib/config";

export const WORKSPACE_COOKIE = "workspace";

/** The signed-in user's id, or null. */
export async function sessionUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ?? null;
}

/** The signed-in user; redirects to sign-in otherwise. */
export async function requireUser() {
  const userId = await sessionUserId();
  if (!userId) redirect("/signin");
  const db = await getDb();
  const user = await getUser(db, userId);
  if (!user) redirect("/signin");
  return { db, user };
}

/**
 * The signed-in user with their workspaces and the current one. Without a session: sign-in.
 * Without any workspace (removed from the last one): the invitations page.
 */
export async function requireMember() {
  const { db, user } = await requireUser();
  const userId = user.id;
  const preferred = (await cookies()).get(WORKSPACE_COOKIE)?.value ?? null;
  const { list, current } = await workspacesOfUser(db, userId, preferred);
  if (!current) redirect("/invites");
  const ip = clientAddress((await headers()).get("x-forwarded-for"), getConfig().trustProxyHops);
  const actor: Actor = { userId, tokenId: null, workspaceId: current.workspaceId, role: current.role, ip };
  return { db, user, workspaces: list, current, actor };
}

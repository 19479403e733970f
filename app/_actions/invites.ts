"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { cookies } from "next/headers";
import { action } from "@/app/_server/action";
import { WORKSPACE_COOKIE } from "@/app/_server/session";
import { getUser } from "@/db/queries/users";
import { notFound } from "@/lib/errors";
import { acceptInvite, declineInvite } from "@/lib/workspaces";

const input = z.object({ inviteId: z.uuid() });

// Answering an invite concerns the person, not the workspace they are in: any member may.
export const acceptInviteAction = action("workspace:read", input, async ({ db, actor, input }) => {
  const user = await getUser(db, actor.userId!);
  if (!user) throw notFound("user");
  const joined = await acceptInvite(db, user, input.inviteId);
  (await cookies()).set(WORKSPACE_COOKIE, joined.workspaceId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 365 * 86400 });
  revalidatePath("/", "layout");
  return { workspaceId: joined.workspaceId };
});

export const declineInviteAction = action("workspace:read", input, async ({ db, actor, input }) => {
  const user = await getUser(db, actor.userId!);
  if (!user) throw notFound("user");
  await declineInvite(db, user, input.inviteId);
  revalidatePath("/", "layout");
  return null;
});

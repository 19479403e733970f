"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { cookies } from "next/headers";
import { userAction } from "@/app/_server/action";
import { WORKSPACE_COOKIE } from "@/app/_server/session";
import { getConfig } from "@/lib/config";
import { acceptInvite, createWorkspaceFor, declineInvite } from "@/lib/workspaces";

const input = z.object({ inviteId: z.uuid() });

async function enter(workspaceId: string) {
  (await cookies()).set(WORKSPACE_COOKIE, workspaceId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 365 * 86400 });
  revalidatePath("/", "layout");
}

// Answering an invitation concerns the person, so it needs a session, not a workspace.
export const acceptInviteAction = userAction(input, async ({ db, user, input }) => {
  const joined = await acceptInvite(db, user, input.inviteId);
  await enter(joined.workspaceId);
  return { workspaceId: joined.workspaceId };
});

export const declineInviteAction = userAction(input, async ({ db, user, input }) => {
  await declineInvite(db, user, input.inviteId);
  revalidatePath("/", "layout");
  return null;
});

export const createWorkspaceAction = userAction(
  z.object({ name: z.string().trim().min(1, "name your workspace").max(80), timezone: z.string().trim().min(1).max(64).optional() }),
  async ({ db, user, input }) => {
    const ws = await createWorkspaceFor(db, user, input.name, { openSignup: getConfig().signupEnabled, timezone: input.timezone });
    await enter(ws.id);
    return { workspaceId: ws.id };
  },
);

"use server";
import { cookies } from "next/headers";
import { z } from "zod";
import { action } from "@/app/_server/action";
import { switchWorkspace } from "@/lib/workspaces";
import { WORKSPACE_COOKIE } from "@/app/_server/session";

export const switchWorkspaceAction = action("workspace:read", z.object({ workspaceId: z.uuid() }), async ({ db, actor, input }) => {
  await switchWorkspace(db, actor.userId!, input.workspaceId);
  (await cookies()).set(WORKSPACE_COOKIE, input.workspaceId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 365 * 86400 });
  return { workspaceId: input.workspaceId };
});

"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/app/_server/action";
import { cancelInvite, changeMemberRole, inviteMember, removeMember } from "@/lib/workspaces";
import { inviteSchema, roleSchema } from "@/lib/validation/identity";
import { inviteUrl } from "@/app/_server/links";

export const inviteAction = action("members:manage", inviteSchema, async ({ db, actor, input }) => {
  const r = await inviteMember(db, actor, input);
  revalidatePath("/settings/team");
  return { email: r.email, url: inviteUrl(r.token) };
});

export const changeRoleAction = action("members:manage", z.object({ userId: z.uuid(), role: roleSchema }), async ({ db, actor, input }) => {
  await changeMemberRole(db, actor, input.userId, input.role);
  revalidatePath("/settings/team");
  return null;
});

export const removeMemberAction = action("members:manage", z.object({ userId: z.uuid() }), async ({ db, actor, input }) => {
  await removeMember(db, actor, input.userId);
  revalidatePath("/settings/team");
  return null;
});

export const cancelInviteAction = action("members:manage", z.object({ inviteId: z.uuid() }), async ({ db, actor, input }) => {
  await cancelInvite(db, actor, input.inviteId);
  revalidatePath("/settings/team");
  return null;
});

"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action } from "@/app/_server/action";
import { cancelInvite, changeMemberRole, inviteMember, removeMember } from "@/lib/workspaces";
import { inviteSchema, roleSchema } from "@/lib/validation/identity";
import { appUrl, inviteUrl } from "@/app/_server/links";
import { createResetLinkForMember } from "@/lib/auth/password-reset";
import { setTwoFactorRequirement } from "@/lib/auth/workspace-security";

export const inviteAction = action(operation("post /invites"), inviteSchema, async ({ db, actor, input }) => {
  const r = await inviteMember(db, actor, input);
  revalidatePath("/settings/team");
  return { email: r.email, url: inviteUrl(r.token) };
});

export const changeRoleAction = action(operation("patch /members/{userId}"), z.object({ userId: z.uuid(), role: roleSchema }), async ({ db, actor, input }) => {
  await changeMemberRole(db, actor, input.userId, input.role);
  revalidatePath("/settings/team");
  return null;
});

export const removeMemberAction = action(operation("delete /members/{userId}"), z.object({ userId: z.uuid() }), async ({ db, actor, input }) => {
  await removeMember(db, actor, input.userId);
  revalidatePath("/settings/team");
  return null;
});

export const cancelInviteAction = action(operation("delete /invites/{id}"), z.object({ inviteId: z.uuid() }), async ({ db, actor, input }) => {
  await cancelInvite(db, actor, input.inviteId);
  revalidatePath("/settings/team");
  return null;
});

export const makeResetLinkAction = action("members:manage", z.object({ userId: z.uuid() }), async ({ db, actor, input }) => {
  const r = await createResetLinkForMember(db, actor, input.userId, appUrl());
  return { email: r.email, url: r.url, expiresAt: r.expiresAt.toISOString() };
});

export const requireTwoFactorAction = action(operation("put /workspace/sign-in-security"), z.object({ on: z.boolean() }), async ({ db, actor, input }) => {
  const r = await setTwoFactorRequirement(db, actor, input.on);
  revalidatePath("/settings/team");
  return r;
});

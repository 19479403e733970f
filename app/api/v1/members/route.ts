import { apiRoute } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { inviteOut, memberOut } from "@/lib/operations/shapes";
import { listTeam } from "@/lib/workspaces";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute(operation("get /members"), async ({ db, actor }) => {
  const { members, invites } = await listTeam(db, actor);
  return { items: members.map(memberOut), invites: invites.map(inviteOut) };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

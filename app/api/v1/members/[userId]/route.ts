import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { memberOut } from "@/lib/operations/shapes";
import { changeMemberRole, getTeamMember, removeMember } from "@/lib/workspaces";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute(operation("get /members/{userId}"), async ({ db, actor, params }) => {
  return memberOut(await getTeamMember(db, actor, idParam(params, "userId", "member")));
});

export const PATCH = apiRoute(operation("patch /members/{userId}"), async ({ db, actor, params, body }) =>
  memberOut(await changeMemberRole(db, actor, idParam(params, "userId", "member"), body.role)),
);

export const DELETE = apiRoute(operation("delete /members/{userId}"), async ({ db, actor, params }) => {
  await removeMember(db, actor, idParam(params, "userId", "member"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);

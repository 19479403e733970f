import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { memberOut } from "@/lib/operations/shapes";
import { changeMemberRole, removeMember } from "@/lib/workspaces";
import { getMember } from "@/db/queries/workspaces";
import { notFound } from "@/lib/errors";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute(operation("get /members/{userId}"), async ({ db, actor, params }) => {
  const m = await getMember(db, actor.workspaceId, idParam(params, "userId", "member"));
  if (!m) throw notFound("member");
  return memberOut(m);
});

export const PATCH = apiRoute(operation("patch /members/{userId}"), async ({ db, actor, params, body }) =>
  memberOut(await changeMemberRole(db, actor, idParam(params, "userId", "member"), body.role)),
);

export const DELETE = apiRoute(operation("delete /members/{userId}"), async ({ db, actor, params }) => {
  await removeMember(db, actor, idParam(params, "userId", "member"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);

import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { memberOut } from "../../_lib/shapes";
import { changeMemberRole, removeMember } from "@/lib/workspaces";
import { getMember } from "@/db/queries/workspaces";
import { notFound } from "@/lib/errors";
import { memberRoleSchema } from "@/lib/validation/identity";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute({ permission: "members:read" }, async ({ db, actor, params }) => {
  const m = await getMember(db, actor.workspaceId, idParam(params, "userId", "member"));
  if (!m) throw notFound("member");
  return memberOut(m);
});

export const PATCH = apiRoute({ permission: "members:manage", body: memberRoleSchema }, async ({ db, actor, params, body }) =>
  memberOut(await changeMemberRole(db, actor, idParam(params, "userId", "member"), body.role)),
);

export const DELETE = apiRoute({ permission: "members:manage" }, async ({ db, actor, params }) => {
  await removeMember(db, actor, idParam(params, "userId", "member"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);

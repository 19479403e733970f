import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { cancelInvite } from "@/lib/workspaces";
import { otherMethods } from "../../_lib/methods";

export const DELETE = apiRoute(operation("delete /invites/{id}"), async ({ db, actor, params }) => {
  await cancelInvite(db, actor, idParam(params, "id", "invite"));
  return noContent();
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods(["DELETE"]);

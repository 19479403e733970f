import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { revokeApiToken } from "@/lib/auth/tokens";
import { otherMethods } from "../../_lib/methods";

export const DELETE = apiRoute(operation("delete /tokens/{id}"), async ({ db, actor, params }) => {
  await revokeApiToken(db, actor, idParam(params, "id", "api_token"));
  return noContent();
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods(["DELETE"]);

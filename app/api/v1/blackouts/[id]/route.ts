import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { blackoutOut } from "@/lib/operations/shapes";
import { deleteBlackout, requireBlackout, updateBlackout } from "@/lib/scheduling/blackouts";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute(operation("get /blackouts/{id}"), async ({ db, actor, params }) =>
  blackoutOut(await requireBlackout(db, actor, idParam(params, "id", "blackout"))),
);

export const PATCH = apiRoute(operation("patch /blackouts/{id}"), async ({ db, actor, params, body }) =>
  blackoutOut(await updateBlackout(db, actor, idParam(params, "id", "blackout"), body)),
);

export const DELETE = apiRoute(operation("delete /blackouts/{id}"), async ({ db, actor, params }) => {
  await deleteBlackout(db, actor, idParam(params, "id", "blackout"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);

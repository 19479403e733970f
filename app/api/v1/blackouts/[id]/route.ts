import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { blackoutOut } from "../../_lib/shapes";
import { deleteBlackout, requireBlackout, updateBlackout } from "@/lib/scheduling/blackouts";
import { blackoutPatchSchema } from "@/lib/validation/preferences";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute({ permission: "schedules:read" }, async ({ db, actor, params }) =>
  blackoutOut(await requireBlackout(db, actor, idParam(params, "id", "blackout"))),
);

export const PATCH = apiRoute({ permission: "schedules:write", body: blackoutPatchSchema }, async ({ db, actor, params, body }) =>
  blackoutOut(await updateBlackout(db, actor, idParam(params, "id", "blackout"), body)),
);

export const DELETE = apiRoute({ permission: "schedules:write" }, async ({ db, actor, params }) => {
  await deleteBlackout(db, actor, idParam(params, "id", "blackout"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);

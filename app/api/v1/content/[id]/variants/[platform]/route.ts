import { apiRoute, idParam, noContent } from "../../../../_lib/handler";
import { operation } from "@/lib/operations";
import { variantOut } from "@/lib/operations/shapes";
import { getContentVariant, putContentVariant, removeContentVariant } from "@/lib/content/variants";
import { otherMethods } from "../../../../_lib/methods";

export const GET = apiRoute(operation("get /content/{id}/variants/{platform}"), async ({ db, actor, params }) =>
  variantOut(await getContentVariant(db, actor, idParam(params, "id", "content"), params.platform ?? "")),
);

export const PUT = apiRoute(operation("put /content/{id}/variants/{platform}"), async ({ db, actor, params, body }) =>
  variantOut(await putContentVariant(db, actor, idParam(params, "id", "content"), params.platform ?? "", body)),
);

export const DELETE = apiRoute(operation("delete /content/{id}/variants/{platform}"), async ({ db, actor, params }) => {
  await removeContentVariant(db, actor, idParam(params, "id", "content"), params.platform ?? "");
  return noContent();
});

export const { POST, PATCH, OPTIONS } = otherMethods(["GET", "PUT", "DELETE"]);

import { apiRoute, idParam, noContent } from "../../../../_lib/handler";
import { variantOut } from "../../../../_lib/shapes";
import { getContentVariant, putContentVariant, removeContentVariant } from "@/lib/content/variants";
import { variantSchema } from "@/lib/validation/content";
import { otherMethods } from "../../../../_lib/methods";

export const GET = apiRoute({ permission: "content:read" }, async ({ db, actor, params }) =>
  variantOut(await getContentVariant(db, actor, idParam(params, "id", "content"), params.platform ?? "")),
);

export const PUT = apiRoute({ permission: "content:write", body: variantSchema }, async ({ db, actor, params, body }) =>
  variantOut(await putContentVariant(db, actor, idParam(params, "id", "content"), params.platform ?? "", body)),
);

export const DELETE = apiRoute({ permission: "content:write" }, async ({ db, actor, params }) => {
  await removeContentVariant(db, actor, idParam(params, "id", "content"), params.platform ?? "");
  return noContent();
});

export const { POST, PATCH, OPTIONS } = otherMethods(["GET", "PUT", "DELETE"]);

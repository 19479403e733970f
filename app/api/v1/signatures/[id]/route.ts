import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { signatureOut } from "@/lib/templates/shapes";
import { deleteSignature, requireSignature, updateSignature } from "@/lib/templates/snippets";
import { signaturePatchSchema } from "@/lib/templates/validation";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute({ permission: "content:read" }, async ({ db, actor, params }) =>
  signatureOut(await requireSignature(db, actor, idParam(params, "id", "signature"))),
);

export const PATCH = apiRoute({ permission: "content:write", body: signaturePatchSchema }, async ({ db, actor, params, body }) =>
  signatureOut(await updateSignature(db, actor, idParam(params, "id", "signature"), body)),
);

export const DELETE = apiRoute({ permission: "content:write" }, async ({ db, actor, params }) => {
  await deleteSignature(db, actor, idParam(params, "id", "signature"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);

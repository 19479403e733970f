import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { signatureOut } from "@/lib/templates/shapes";
import { deleteSignature, requireSignature, updateSignature } from "@/lib/templates/snippets";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute(operation("get /signatures/{id}"), async ({ db, actor, params }) =>
  signatureOut(await requireSignature(db, actor, idParam(params, "id", "signature"))),
);

export const PATCH = apiRoute(operation("patch /signatures/{id}"), async ({ db, actor, params, body }) =>
  signatureOut(await updateSignature(db, actor, idParam(params, "id", "signature"), body)),
);

export const DELETE = apiRoute(operation("delete /signatures/{id}"), async ({ db, actor, params }) => {
  await deleteSignature(db, actor, idParam(params, "id", "signature"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);

import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { templateOut } from "@/lib/templates/shapes";
import { deleteTemplate, requireTemplate, updateTemplate } from "@/lib/templates";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute(operation("get /templates/{id}"), async ({ db, actor, params }) =>
  templateOut(await requireTemplate(db, actor, idParam(params, "id", "template"))),
);

export const PATCH = apiRoute(operation("patch /templates/{id}"), async ({ db, actor, params, body }) =>
  templateOut(await updateTemplate(db, actor, idParam(params, "id", "template"), body)),
);

export const DELETE = apiRoute(operation("delete /templates/{id}"), async ({ db, actor, params }) => {
  await deleteTemplate(db, actor, idParam(params, "id", "template"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);

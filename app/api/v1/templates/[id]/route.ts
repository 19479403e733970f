import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { templateOut } from "@/lib/templates/shapes";
import { deleteTemplate, requireTemplate, updateTemplate } from "@/lib/templates";
import { templatePatchSchema } from "@/lib/templates/validation";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute({ permission: "content:read" }, async ({ db, actor, params }) =>
  templateOut(await requireTemplate(db, actor, idParam(params, "id", "template"))),
);

export const PATCH = apiRoute({ permission: "content:write", body: templatePatchSchema }, async ({ db, actor, params, body }) =>
  templateOut(await updateTemplate(db, actor, idParam(params, "id", "template"), body)),
);

export const DELETE = apiRoute({ permission: "content:write" }, async ({ db, actor, params }) => {
  await deleteTemplate(db, actor, idParam(params, "id", "template"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);

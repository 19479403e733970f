import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { templateVersionOut } from "@/lib/templates/shapes";
import { listTemplateVersions } from "@/lib/templates";
import { otherMethods } from "../../../_lib/methods";

/** Every saved version of a template, newest first. */
export const GET = apiRoute(operation("get /templates/{id}/versions"), async ({ db, actor, params }) => ({
  items: (await listTemplateVersions(db, actor, idParam(params, "id", "template"))).map(templateVersionOut),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

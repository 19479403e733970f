import { apiRoute, idParam } from "../../../_lib/handler";
import { templateVersionOut } from "@/lib/templates/shapes";
import { listTemplateVersions } from "@/lib/templates";

/** Every saved version of a template, newest first. */
export const GET = apiRoute({ permission: "content:read" }, async ({ db, actor, params }) => ({ items: (await listTemplateVersions(db, actor, idParam(params, "id", "template"))).map(templateVersionOut) }));

import { apiRoute, idParam } from "../../../../../_lib/handler";
import { operation } from "@/lib/operations";
import { AppError } from "@/lib/errors";
import { templateOut } from "@/lib/templates/shapes";
import { restoreTemplateVersion } from "@/lib/templates";
import { otherMethods } from "../../../../../_lib/methods";

/** Saves version n's content again as the newest version. */
export const POST = apiRoute(operation("post /templates/{id}/versions/{n}/restore"), async ({ db, actor, params }) => {
  const id = idParam(params, "id", "template");
  const n = /^\d{1,9}$/.test(params.n ?? "") ? Number(params.n) : NaN;
  if (!Number.isInteger(n) || n < 1) throw new AppError("not_found:template_version", `this template has no version ${params.n}`);
  return templateOut(await restoreTemplateVersion(db, actor, id, n));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);

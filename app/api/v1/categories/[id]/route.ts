import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { deleteCategory, describeCategory, updateCategory } from "@/lib/evergreen";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute(operation("get /categories/{id}"), async ({ db, actor, params }) => describeCategory(db, actor, idParam(params, "id", "category")));

export const PATCH = apiRoute(operation("patch /categories/{id}"), async ({ db, actor, params, body }) =>
  updateCategory(db, actor, idParam(params, "id", "category"), body),
);

export const DELETE = apiRoute(operation("delete /categories/{id}"), async ({ db, actor, params }) => {
  await deleteCategory(db, actor, idParam(params, "id", "category"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);

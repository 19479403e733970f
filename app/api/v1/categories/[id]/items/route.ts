import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { addCategoryItems, removeCategoryItems } from "@/lib/evergreen";
import { otherMethods } from "../../../_lib/methods";

export const POST = apiRoute(operation("post /categories/{id}/items"), async ({ db, actor, params, body }) => ({
  items: await addCategoryItems(db, actor, idParam(params, "id", "category"), body),
}));

export const DELETE = apiRoute(operation("delete /categories/{id}/items"), async ({ db, actor, params, body }) => ({
  items: await removeCategoryItems(db, actor, idParam(params, "id", "category"), body.content_item_ids),
}));

export const { GET, PUT, PATCH, OPTIONS } = otherMethods(["POST", "DELETE"]);

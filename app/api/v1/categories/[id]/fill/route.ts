import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { fillCategoryNow } from "@/lib/evergreen";
import { otherMethods } from "../../../_lib/methods";

export const POST = apiRoute(operation("post /categories/{id}/fill"), async ({ db, actor, params, body }) =>
  fillCategoryNow(db, actor, idParam(params, "id", "category"), body),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);

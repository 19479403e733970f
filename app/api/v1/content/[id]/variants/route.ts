import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { variantOut } from "@/lib/operations/shapes";
import { listContentVariants } from "@/lib/content/variants";
import { otherMethods } from "../../../_lib/methods";

export const GET = apiRoute(operation("get /content/{id}/variants"), async ({ db, actor, params }) => ({
  items: (await listContentVariants(db, actor, idParam(params, "id", "content"))).map(variantOut),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

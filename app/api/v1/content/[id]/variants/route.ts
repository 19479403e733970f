import { apiRoute, idParam } from "../../../_lib/handler";
import { variantOut } from "../../../_lib/shapes";
import { listContentVariants } from "@/lib/content/variants";

export const GET = apiRoute({ permission: "content:read" }, async ({ db, actor, params }) => ({
  items: (await listContentVariants(db, actor, idParam(params, "id", "content"))).map(variantOut),
}));

import { apiRoute, created, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { contentOut } from "@/lib/operations/shapes";
import { cloneContent, requireContent } from "@/lib/content";
import { otherMethods } from "../../../_lib/methods";

export const POST = apiRoute(operation("post /content/{id}/clone"), async ({ db, actor, params }) => {
  const row = await cloneContent(db, actor, idParam(params, "id", "content"));
  const out = contentOut(await requireContent(db, actor, row.id));
  return created(out);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);

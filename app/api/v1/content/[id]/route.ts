import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { contentOut } from "@/lib/operations/shapes";
import { deleteContent, requireContent, updateContent } from "@/lib/content";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute(operation("get /content/{id}"), async ({ db, actor, params }) =>
  contentOut(await requireContent(db, actor, idParam(params, "id", "content"))),
);

export const PATCH = apiRoute(operation("patch /content/{id}"), async ({ db, actor, params, body }) => {
  const id = idParam(params, "id", "content");
  await updateContent(db, actor, id, body);
  return contentOut(await requireContent(db, actor, id));
});

export const DELETE = apiRoute(operation("delete /content/{id}"), async ({ db, actor, params }) => {
  await deleteContent(db, actor, idParam(params, "id", "content"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);

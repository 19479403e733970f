import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { hashtagGroupOut } from "@/lib/templates/shapes";
import { deleteHashtagGroup, requireHashtagGroup, updateHashtagGroup } from "@/lib/templates/snippets";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute(operation("get /hashtag-groups/{id}"), async ({ db, actor, params }) =>
  hashtagGroupOut(await requireHashtagGroup(db, actor, idParam(params, "id", "hashtag_group"))),
);

export const PATCH = apiRoute(operation("patch /hashtag-groups/{id}"), async ({ db, actor, params, body }) =>
  hashtagGroupOut(await updateHashtagGroup(db, actor, idParam(params, "id", "hashtag_group"), body)),
);

export const DELETE = apiRoute(operation("delete /hashtag-groups/{id}"), async ({ db, actor, params }) => {
  await deleteHashtagGroup(db, actor, idParam(params, "id", "hashtag_group"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);

import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { hashtagGroupOut } from "@/lib/templates/shapes";
import { deleteHashtagGroup, requireHashtagGroup, updateHashtagGroup } from "@/lib/templates/snippets";
import { hashtagGroupPatchSchema } from "@/lib/templates/validation";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute({ permission: "content:read" }, async ({ db, actor, params }) =>
  hashtagGroupOut(await requireHashtagGroup(db, actor, idParam(params, "id", "hashtag_group"))),
);

export const PATCH = apiRoute({ permission: "content:write", body: hashtagGroupPatchSchema }, async ({ db, actor, params, body }) =>
  hashtagGroupOut(await updateHashtagGroup(db, actor, idParam(params, "id", "hashtag_group"), body)),
);

export const DELETE = apiRoute({ permission: "content:write" }, async ({ db, actor, params }) => {
  await deleteHashtagGroup(db, actor, idParam(params, "id", "hashtag_group"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);

import { apiRoute, created } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { hashtagGroupOut } from "@/lib/templates/shapes";
import { createHashtagGroup, listHashtagGroups } from "@/lib/templates/snippets";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute(operation("get /hashtag-groups"), async ({ db, actor }) => ({ items: (await listHashtagGroups(db, actor)).map(hashtagGroupOut) }));

export const POST = apiRoute(operation("post /hashtag-groups"), async ({ db, actor, body }) =>
  created(hashtagGroupOut(await createHashtagGroup(db, actor, body))),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);

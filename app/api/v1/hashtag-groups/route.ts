import { apiRoute, created } from "../_lib/handler";
import { hashtagGroupOut } from "@/lib/templates/shapes";
import { createHashtagGroup, listHashtagGroups } from "@/lib/templates/snippets";
import { hashtagGroupCreateSchema } from "@/lib/templates/validation";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute({ permission: "content:read" }, async ({ db, actor }) => ({ items: (await listHashtagGroups(db, actor)).map(hashtagGroupOut) }));

export const POST = apiRoute({ permission: "content:write", body: hashtagGroupCreateSchema, idempotent: true }, async ({ db, actor, body }) =>
  created(hashtagGroupOut(await createHashtagGroup(db, actor, body))),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);

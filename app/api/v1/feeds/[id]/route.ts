import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { deleteFeed, requireFeed, updateFeed } from "@/lib/feeds/manage";
import { feedDeps } from "@/lib/feeds/deps";
import { feedOut } from "@/lib/operations/shapes";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute(operation("get /feeds/{id}"), async ({ db, actor, params }) =>
  feedOut(await requireFeed(db, actor, idParam(params, "id", "feed"))),
);

export const PATCH = apiRoute(operation("patch /feeds/{id}"), async ({ db, actor, params, body }) =>
  feedOut(await updateFeed(db, actor, idParam(params, "id", "feed"), body, feedDeps())),
);

export const DELETE = apiRoute(operation("delete /feeds/{id}"), async ({ db, actor, params }) => {
  await deleteFeed(db, actor, idParam(params, "id", "feed"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);

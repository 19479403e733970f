import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { listFeedItems } from "@/lib/feeds/manage";
import { feedItemOut } from "@/lib/operations/shapes";
import { otherMethods } from "../../../_lib/methods";

export const GET = apiRoute(operation("get /feeds/{id}/items"), async ({ db, actor, params, query }) => ({
  items: (await listFeedItems(db, actor, idParam(params, "id", "feed"), query.limit)).map(feedItemOut),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

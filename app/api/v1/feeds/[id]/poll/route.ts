import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { pollFeedNow } from "@/lib/feeds/manage";
import { feedDeps } from "@/lib/feeds/deps";
import { feedPollOut } from "@/lib/operations/shapes";
import { otherMethods } from "../../../_lib/methods";

/** POST /api/v1/feeds/{id}/poll — a failed fetch is a 200 whose result says so: the request itself did what it was asked. */
export const POST = apiRoute(operation("post /feeds/{id}/poll"), async ({ db, actor, params }) =>
  feedPollOut(await pollFeedNow(db, actor, idParam(params, "id", "feed"), feedDeps())),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);

import { apiRoute, idParam } from "../../../../_lib/handler";
import { operation } from "@/lib/operations";
import { scheduleOut } from "@/lib/operations/shapes";
import { retryComment } from "@/lib/publishing/manual";
import { otherMethods } from "../../../../_lib/methods";

/** Sends a failed first comment again; the post is untouched. */
export const POST = apiRoute(operation("post /schedules/{id}/comment/retry"), async ({ db, actor, params }) =>
  scheduleOut(await retryComment(db, actor, idParam(params, "id", "schedule"))),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);

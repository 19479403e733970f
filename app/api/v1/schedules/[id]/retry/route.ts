import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { scheduleOut } from "@/lib/operations/shapes";
import { retrySchedule } from "@/lib/publishing/manual";
import { otherMethods } from "../../../_lib/methods";

/** Puts a failed, dead-lettered or skipped post back in the queue, due now. */
export const POST = apiRoute(operation("post /schedules/{id}/retry"), async ({ db, actor, params }) =>
  scheduleOut(await retrySchedule(db, actor, idParam(params, "id", "schedule"))),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);

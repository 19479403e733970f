import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { scheduleOut } from "@/lib/operations/shapes";
import { otherMethods } from "../../../_lib/methods";
import { decideMissed } from "@/lib/publishing/decision";
import { requireSchedule } from "@/lib/scheduling/schedules";

/** Publish now or skip a missed post that waits for a decision (missed_policy "ask"). */
export const POST = apiRoute(operation("post /schedules/{id}/decision"), async ({ db, actor, params, body }) => {
  const id = idParam(params, "id", "schedule");
  await decideMissed(db, actor, id, body.decision);
  return scheduleOut(await requireSchedule(db, actor, id));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);

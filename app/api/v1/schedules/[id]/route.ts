import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { scheduleOut } from "@/lib/operations/shapes";
import { deleteSchedule, requireSchedule, updateSchedule } from "@/lib/scheduling/schedules";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute(operation("get /schedules/{id}"), async ({ db, actor, params }) =>
  scheduleOut(await requireSchedule(db, actor, idParam(params, "id", "schedule"))),
);

export const PATCH = apiRoute(operation("patch /schedules/{id}"), async ({ db, actor, params, body }) => {
  const id = idParam(params, "id", "schedule");
  const { warnings } = await updateSchedule(db, actor, id, body);
  return { ...scheduleOut(await requireSchedule(db, actor, id)), warnings };
});

export const DELETE = apiRoute(operation("delete /schedules/{id}"), async ({ db, actor, params }) => {
  await deleteSchedule(db, actor, idParam(params, "id", "schedule"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);

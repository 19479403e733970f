import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { scheduleOut } from "../../_lib/shapes";
import { deleteSchedule, requireSchedule, updateSchedule } from "@/lib/scheduling/schedules";
import { schedulePatchSchema } from "@/lib/validation/schedules";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute({ permission: "schedules:read" }, async ({ db, actor, params }) =>
  scheduleOut(await requireSchedule(db, actor, idParam(params, "id", "schedule"))),
);

export const PATCH = apiRoute({ permission: "schedules:write", body: schedulePatchSchema }, async ({ db, actor, params, body }) => {
  const id = idParam(params, "id", "schedule");
  const { warnings } = await updateSchedule(db, actor, id, body);
  return { ...scheduleOut(await requireSchedule(db, actor, id)), warnings };
});

export const DELETE = apiRoute({ permission: "schedules:write" }, async ({ db, actor, params }) => {
  await deleteSchedule(db, actor, idParam(params, "id", "schedule"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);

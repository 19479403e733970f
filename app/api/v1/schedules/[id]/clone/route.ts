import { apiRoute, created, idParam } from "../../../_lib/handler";
import { cloneSchedule } from "@/lib/scheduling/create";
import { scheduleCloneSchema } from "@/lib/validation/schedules";
import { createdSchedulesOut } from "../../_created";
import { otherMethods } from "../../../_lib/methods";

export const POST = apiRoute({ permission: "schedules:write", body: scheduleCloneSchema, idempotent: true }, async ({ db, actor, params, body }) =>
  created(createdSchedulesOut(await cloneSchedule(db, actor, idParam(params, "id", "schedule"), body))),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);

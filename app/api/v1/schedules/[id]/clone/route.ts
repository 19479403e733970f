import { apiRoute, created, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { cloneSchedule } from "@/lib/scheduling/create";
import { createdSchedulesOut } from "../../_created";
import { otherMethods } from "../../../_lib/methods";

export const POST = apiRoute(operation("post /schedules/{id}/clone"), async ({ db, actor, params, body }) =>
  created(createdSchedulesOut(await cloneSchedule(db, actor, idParam(params, "id", "schedule"), body))),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);

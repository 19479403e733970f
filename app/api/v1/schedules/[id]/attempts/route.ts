import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { attemptOut } from "@/lib/operations/shapes";
import { listAttempts } from "@/lib/publishing/manual";
import { otherMethods } from "../../../_lib/methods";

/** Every publish attempt of the schedule, oldest first: the job monitor's history. */
export const GET = apiRoute(operation("get /schedules/{id}/attempts"), async ({ db, actor, params }) => ({
  items: (await listAttempts(db, actor, idParam(params, "id", "schedule"))).map(attemptOut),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

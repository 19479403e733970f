import { apiRoute, idParam } from "../_lib/handler";
import { scheduleOut } from "@/lib/operations/shapes";
import { operation } from "@/lib/operations";
import { requireSchedule, transitionSchedule } from "@/lib/scheduling/schedules";

/** POST …/{id}/pause | resume | cancel. */
export function transitionRoute(action: "pause" | "resume" | "cancel") {
  return apiRoute(operation(`post /schedules/{id}/${action}`), async ({ db, actor, params }) => {
    const id = idParam(params, "id", "schedule");
    await transitionSchedule(db, actor, id, action);
    return scheduleOut(await requireSchedule(db, actor, id));
  });
}

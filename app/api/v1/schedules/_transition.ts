import { apiRoute, idParam } from "../_lib/handler";
import { scheduleOut } from "../_lib/shapes";
import { requireSchedule, transitionSchedule } from "@/lib/scheduling/schedules";

/** POST …/{id}/pause | resume | cancel. */
export function transitionRoute(action: "pause" | "resume" | "cancel") {
  return apiRoute({ permission: "schedules:write" }, async ({ db, actor, params }) => {
    const id = idParam(params, "id", "schedule");
    await transitionSchedule(db, actor, id, action);
    return scheduleOut(await requireSchedule(db, actor, id));
  });
}

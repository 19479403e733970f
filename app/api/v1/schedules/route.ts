import { apiRoute, created } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { scheduleOut } from "@/lib/operations/shapes";
import { createSchedules } from "@/lib/scheduling/create";
import { listSchedules } from "@/lib/scheduling/schedules";
import { createdSchedulesOut } from "./_created";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute(operation("get /schedules"), async ({ db, actor, query }) => {
  const r = await listSchedules(db, actor, query);
  return { items: r.items.map(scheduleOut), total: r.total, page: r.page, pages: r.pages };
});

export const POST = apiRoute(operation("post /schedules"), async ({ db, actor, body }) => created(createdSchedulesOut(await createSchedules(db, actor, body))));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);

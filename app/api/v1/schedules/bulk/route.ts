import { apiRoute, created } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { bulkSchedule } from "@/lib/scheduling/bulk";
import { createdSchedulesOut } from "../_created";
import { otherMethods } from "../../_lib/methods";

export const POST = apiRoute(operation("post /schedules/bulk"), async ({ db, actor, body }) => {
  const r = await bulkSchedule(db, actor, body);
  return created({
    timezone: r.timezone,
    items: r.created.map((c, i) => ({ content_item_id: body.content_item_ids[i], local_time: r.slots[i], ...createdSchedulesOut(c) })),
    total_schedules: r.created.reduce((n, c) => n + c.schedules.length, 0),
  });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);

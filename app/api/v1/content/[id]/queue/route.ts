import { apiRoute, created, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { queueContent } from "@/lib/scheduling/queue";
import { createdSchedulesOut } from "../../../schedules/_created";
import { otherMethods } from "../../../_lib/methods";

/** POST /api/v1/content/{id}/queue — into the next free posting slot of each account. */
export const POST = apiRoute(operation("post /content/{id}/queue"), async ({ db, actor, params, body }) => {
  const made = await queueContent(db, actor, idParam(params, "id", "content"), body.platform_account_ids);
  return created({ items: made.map(createdSchedulesOut) });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);

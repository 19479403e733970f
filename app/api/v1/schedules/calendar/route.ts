import { apiRoute } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { calendar, withEventFields } from "@/lib/scheduling/calendar";
import { otherMethods } from "../../_lib/methods";

/** GET /api/v1/schedules/calendar?start_date&end_date&platforms&status_filter&timezone&fields */
export const GET = apiRoute(operation("get /schedules/calendar"), async ({ db, actor, query }) => {
  const result = await calendar(db, actor, query);
  return query.fields ? withEventFields(result, query.fields) : result;
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

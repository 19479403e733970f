import { apiRoute, JsonText } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { calendarJson } from "@/lib/scheduling/calendar";
import { otherMethods } from "../../_lib/methods";

/** GET /api/v1/schedules/calendar?start_date&end_date&platforms&status_filter&timezone&fields */
export const GET = apiRoute(operation("get /schedules/calendar"), async ({ db, actor, query }) => new JsonText(await calendarJson(db, actor, query)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

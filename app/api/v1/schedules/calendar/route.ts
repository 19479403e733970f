import { apiRoute } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { calendar } from "@/lib/scheduling/calendar";
import { otherMethods } from "../../_lib/methods";

/** GET /api/v1/schedules/calendar?start_date&end_date&platforms&status_filter&timezone */
export const GET = apiRoute(operation("get /schedules/calendar"), async ({ db, actor, query }) => calendar(db, actor, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

import { apiRoute } from "../../_lib/handler";
import { calendar } from "@/lib/scheduling/calendar";
import { calendarQuery } from "@/lib/validation/schedules";
import { otherMethods } from "../../_lib/methods";

/** GET /api/v1/schedules/calendar?start_date&end_date&platforms&status_filter&timezone */
export const GET = apiRoute({ permission: "schedules:read", query: calendarQuery }, async ({ db, actor, query }) => calendar(db, actor, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

import { apiRoute } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { suggestForAccount } from "@/lib/scheduling/suggest";
import { otherMethods } from "../../_lib/methods";

/** GET /api/v1/suggestions/times?platform_account_id&date_from&date_to&count */
export const GET = apiRoute(operation("get /suggestions/times"), async ({ db, actor, query }) => suggestForAccount(db, actor, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

import { apiRoute } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { clickReport } from "@/lib/links";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute(operation("get /analytics/links"), async ({ db, actor, query }) => clickReport(db, actor, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

import { apiRoute } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { healthHistoryOut } from "@/lib/operations/shapes";
import { healthHistory } from "@/lib/health-history/read";
import { getConfig } from "@/lib/config";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute(operation("get /health/history"), async ({ db, actor, query }) =>
  healthHistoryOut(await healthHistory(db, actor, query.hours), getConfig().healthHistoryDays),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

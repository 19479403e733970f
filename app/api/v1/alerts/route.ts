import { apiRoute } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { alertIncidentOut } from "@/lib/operations/shapes";
import { listAlerts } from "@/lib/alerts/manage";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute(operation("get /alerts"), async ({ db, actor, query }) => ({ items: (await listAlerts(db, actor, query)).map(alertIncidentOut) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

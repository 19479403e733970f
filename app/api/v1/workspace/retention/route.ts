import { apiRoute } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { getRetention, saveRetention } from "@/lib/retention";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute(operation("get /workspace/retention"), async ({ db, actor }) => getRetention(db, actor));

export const PUT = apiRoute(operation("put /workspace/retention"), async ({ db, actor, body }) => saveRetention(db, actor, body));

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "PUT"]);

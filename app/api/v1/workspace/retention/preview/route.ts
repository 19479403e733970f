import { apiRoute } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { previewRetention } from "@/lib/retention";
import { otherMethods } from "../../../_lib/methods";

export const GET = apiRoute(operation("get /workspace/retention/preview"), async ({ db, actor, query }) => previewRetention(db, actor, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { markMyNotificationRead } from "@/lib/notifications";
import { otherMethods } from "../../../_lib/methods";

export const POST = apiRoute(operation("post /notifications/{id}/read"), async ({ db, actor, params }) =>
  markMyNotificationRead(db, actor, idParam(params, "id", "notification")),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);

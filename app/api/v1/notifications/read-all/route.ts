import { apiRoute } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { markAllMyNotificationsRead } from "@/lib/notifications";
import { otherMethods } from "../../_lib/methods";

export const POST = apiRoute(operation("post /notifications/read-all"), async ({ db, actor }) => markAllMyNotificationsRead(db, actor));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);

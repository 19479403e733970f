import { apiRoute } from "../../_lib/handler";
import { markAllMyNotificationsRead } from "@/lib/notifications";
import { otherMethods } from "../../_lib/methods";

export const POST = apiRoute({ permission: "workspace:read" }, async ({ db, actor }) => markAllMyNotificationsRead(db, actor));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);

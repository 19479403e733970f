import { apiRoute, idParam } from "../../../_lib/handler";
import { markMyNotificationRead } from "@/lib/notifications";

export const POST = apiRoute({ permission: "workspace:read" }, async ({ db, actor, params }) => markMyNotificationRead(db, actor, idParam(params, "id", "notification")));

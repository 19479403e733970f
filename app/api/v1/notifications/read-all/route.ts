import { apiRoute } from "../../_lib/handler";
import { markAllMyNotificationsRead } from "@/lib/notifications";

export const POST = apiRoute({ permission: "workspace:read" }, async ({ db, actor }) => markAllMyNotificationsRead(db, actor));

import { apiRoute } from "../_lib/handler";
import { listMyNotifications } from "@/lib/notifications";
import { notificationListQuery } from "@/lib/notifications/schemas";
import { otherMethods } from "../_lib/methods";

// Notifications belong to the person (a token speaks for its creator): every member reads their own.
export const GET = apiRoute({ permission: "workspace:read", query: notificationListQuery }, async ({ db, actor, query }) =>
  listMyNotifications(db, actor, query),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

import { apiRoute } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { listMyNotifications } from "@/lib/notifications";
import { otherMethods } from "../_lib/methods";

// Notifications belong to the person (a token speaks for its creator): every member reads their own.
export const GET = apiRoute(operation("get /notifications"), async ({ db, actor, query }) => listMyNotifications(db, actor, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

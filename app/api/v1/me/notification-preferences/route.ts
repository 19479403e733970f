import { apiRoute } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { getMyNotificationPrefs, prefsOut, setMyNotificationPrefs } from "@/lib/notifications";
import { otherMethods } from "../../_lib/methods";

// Each person's own choices: any member (or their token) reads and sets only theirs.
export const GET = apiRoute(operation("get /me/notification-preferences"), async ({ db, actor }) => prefsOut(await getMyNotificationPrefs(db, actor)));

export const PUT = apiRoute(operation("put /me/notification-preferences"), async ({ db, actor, body }) =>
  prefsOut(await setMyNotificationPrefs(db, actor, body)),
);

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "PUT"]);

import { apiRoute } from "../../_lib/handler";
import { getMyNotificationPrefs, prefsOut, setMyNotificationPrefs } from "@/lib/notifications";
import { notificationPrefsSchema } from "@/lib/notifications/schemas";
import { otherMethods } from "../../_lib/methods";

// Each person's own choices: any member (or their token) reads and sets only theirs.
export const GET = apiRoute({ permission: "workspace:read" }, async ({ db, actor }) => prefsOut(await getMyNotificationPrefs(db, actor)));

export const PUT = apiRoute({ permission: "workspace:read", body: notificationPrefsSchema }, async ({ db, actor, body }) =>
  prefsOut(await setMyNotificationPrefs(db, actor, body)),
);

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "PUT"]);

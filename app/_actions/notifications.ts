"use server";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action, actionRuntime } from "@/app/_server/action";
import { markAllMyNotificationsRead, markMyNotificationRead, prefsOut, setMyNotificationPrefs } from "@/lib/notifications";
import { notificationPrefsSchema } from "@/lib/notifications/schemas";

// The same lib functions as /api/v1/notifications and /api/v1/me/notification-preferences.
const done = <T>(value: T) => {
  actionRuntime.revalidate("/notifications");
  return value;
};

export const markNotificationReadAction = action(operation("post /notifications/{id}/read"), z.object({ id: z.uuid() }), async ({ db, actor, input }) =>
  done(await markMyNotificationRead(db, actor, input.id)),
);
export const markAllNotificationsReadAction = action(operation("post /notifications/read-all"), z.object({}), async ({ db, actor }) =>
  done(await markAllMyNotificationsRead(db, actor)),
);
export const setNotificationPrefsAction = action(operation("put /me/notification-preferences"), notificationPrefsSchema, async ({ db, actor, input }) =>
  done(prefsOut(await setMyNotificationPrefs(db, actor, input))),
);

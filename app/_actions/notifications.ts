"use server";
import { z } from "zod";
import { action, actionRuntime } from "@/app/_server/action";
import { markAllMyNotificationsRead, markMyNotificationRead, prefsOut, setMyNotificationPrefs } from "@/lib/notifications";
import { notificationPrefsSchema } from "@/lib/notifications/schemas";

// The same lib functions as /api/v1/notifications and /api/v1/me/notification-preferences.
const done = <T>(value: T) => {
  actionRuntime.revalidate("/notifications");
  return value;
};

export const markNotificationReadAction = action("workspace:read", z.object({ id: z.uuid() }), async ({ db, actor, input }) =>
  done(await markMyNotificationRead(db, actor, input.id)),
);
export const markAllNotificationsReadAction = action("workspace:read", z.object({}), async ({ db, actor }) =>
  done(await markAllMyNotificationsRead(db, actor)),
);
export const setNotificationPrefsAction = action("workspace:read", notificationPrefsSchema, async ({ db, actor, input }) =>
  done(prefsOut(await setMyNotificationPrefs(db, actor, input))),
);

import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { getConfig } from "@/lib/config";
import { getMyNotificationPrefs, prefsOut } from "@/lib/notifications";
import { NotificationPrefsForm } from "@/components/notifications/NotificationPrefsForm";

export const metadata: Metadata = { title: "Notification settings" };

export default async function NotificationSettingsPage() {
  const { db, actor } = await requireMember();
  const prefs = prefsOut(await getMyNotificationPrefs(db, actor));
  return <NotificationPrefsForm initial={prefs} emailEnabled={!!getConfig().smtp.url} />;
}

import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { getConfig } from "@/lib/config";
import { getMyNotificationPrefs, prefsOut } from "@/lib/notifications";
import { getMyPreferences } from "@/lib/preferences";
import { NotificationPrefsForm } from "@/components/notifications/NotificationPrefsForm";

export const metadata: Metadata = { title: "Notification settings" };

export default async function NotificationSettingsPage() {
  const { db, actor } = await requireMember();
  const [stored, general] = await Promise.all([getMyNotificationPrefs(db, actor), getMyPreferences(db, actor)]);
  const prefs = prefsOut(stored);
  // Quiet hours never set: offer the person's own zone rather than UTC.
  if (!prefs.quiet_hours.enabled && prefs.quiet_hours.timezone === "UTC") prefs.quiet_hours = { ...prefs.quiet_hours, timezone: general.timezone };
  return <NotificationPrefsForm initial={prefs} emailEnabled={!!getConfig().smtp.url} />;
}

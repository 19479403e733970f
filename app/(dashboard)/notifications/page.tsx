import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/app/_server/session";
import { listMyNotifications } from "@/lib/notifications";
import { PageHeader } from "@/components/ui/PageHeader";
import { NotificationList } from "@/components/notifications/NotificationList";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { db, actor } = await requireMember();
  const raw = Number((await searchParams).page ?? 1);
  const page = Number.isInteger(raw) && raw >= 1 ? raw : 1;
  const data = await listMyNotifications(db, actor, { page, limit: 20, unread: false });
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Yours only, in this workspace. Unread first."
        actions={
          <Link href="/settings/notifications" className="btn-secondary">
            Notification settings
          </Link>
        }
      />
      <NotificationList items={data.items} unread={data.unread_count} page={data.page} pages={data.pages} />
    </>
  );
}

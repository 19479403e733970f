import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { can } from "@/lib/auth/permissions";
import { currentFeedToken } from "@/lib/calendar/feed";
import { appKeyring } from "@/lib/crypto/keyring";
import { getConfig } from "@/lib/config";
import { formatFor } from "@/app/_server/format";
import { CalendarFeed } from "@/components/settings/CalendarFeed";

export const metadata: Metadata = { title: "Calendar feed" };

export default async function CalendarFeedPage() {
  const { db, actor } = await requireMember();
  const [feed, fmt] = await Promise.all([currentFeedToken(db, appKeyring(), actor), formatFor(db, actor)]);
  return (
    <CalendarFeed
      key={feed?.token ?? "none"}
      url={feed ? `${getConfig().nextauthUrl}/api/ics/${feed.token}.ics` : null}
      createdLabel={feed ? fmt.dateTime(feed.createdAt, { zone: true }) : null}
      canManage={can(actor.role, "workspace:manage")}
    />
  );
}

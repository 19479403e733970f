import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { can } from "@/lib/auth/permissions";
import { currentFeedToken } from "@/lib/calendar/feed";
import { appKeyring } from "@/lib/crypto/keyring";
import { getConfig } from "@/lib/config";
import { getMyPreferences } from "@/lib/preferences";
import { CalendarFeed } from "@/components/settings/CalendarFeed";

export const metadata: Metadata = { title: "Calendar feed" };

export default async function CalendarFeedPage() {
  const { db, actor } = await requireMember();
  const [feed, prefs] = await Promise.all([currentFeedToken(db, appKeyring(), actor), getMyPreferences(db, actor)]);
  const fmt = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: prefs.timezone });
  return (
    <CalendarFeed
      key={feed?.token ?? "none"}
      url={feed ? `${getConfig().nextauthUrl}/api/ics/${feed.token}.ics` : null}
      createdLabel={feed ? `${fmt.format(feed.createdAt)} ${prefs.timezone}` : null}
      canManage={can(actor.role, "workspace:manage")}
    />
  );
}

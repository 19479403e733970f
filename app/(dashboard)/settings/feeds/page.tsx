import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { can } from "@/lib/auth/permissions";
import { listFeeds } from "@/lib/feeds/manage";
import { listAccountSummaries } from "@/lib/accounts/manage";
import { FeedManager } from "@/components/feeds/FeedManager";

export const metadata: Metadata = { title: "Feeds" };

export default async function FeedsPage() {
  const { db, actor } = await requireMember();
  const [feeds, accounts] = await Promise.all([listFeeds(db, actor), listAccountSummaries(db, actor)]);
  return (
    <FeedManager
      canManage={can(actor.role, "feeds:manage")}
      accounts={accounts.filter((a) => a.status !== "disabled").map((a) => ({ id: a.id, name: a.name, platform: a.platform }))}
      feeds={feeds.map((f) => ({
        id: f.id,
        name: f.name,
        url: f.url,
        mode: f.mode as "draft" | "queue",
        template: f.template,
        platformAccountIds: f.platformAccountIds,
        pollIntervalMinutes: f.pollIntervalMinutes,
        firstPoll: f.firstPoll as "mark_seen" | "newest",
        active: f.active,
        status: f.lastStatus ?? "new",
        lastCheckedAt: f.lastCheckedAt?.toISOString() ?? null,
        lastError: f.lastError,
        consecutiveFailures: f.consecutiveFailures,
        nextCheckAt: f.active ? f.nextCheckAt.toISOString() : null,
        itemsSeen: f.itemsSeen,
        primed: !!f.primedAt,
      }))}
    />
  );
}

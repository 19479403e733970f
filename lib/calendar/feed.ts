import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { feedByHash, insertFeed, liveFeed, revokeLiveFeeds } from "@/db/queries/calendar-feeds";
import { schedulesInWindow } from "@/db/queries/schedules";
import { getWorkspace } from "@/db/queries/workspaces";
import { decrypt, encrypt, hashToken, newToken, type Keyring } from "../crypto";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import type { IcsEvent } from "../ics";

/** The feed shows a month back and half a year ahead: what a calendar app needs, bounded. */
const PAST_DAYS = 31;
const AHEAD_DAYS = 183;
const MAX_EVENTS = 5_000;
/** A calendar event for a post lasts 15 minutes, so it is visible in day views. */
const EVENT_MINUTES = 15;

export async function currentFeedToken(db: Db, keys: Keyring, actor: Actor): Promise<{ token: string; createdAt: Date } | null> {
  assertCan(actor.role, "schedules:read");
  const feed = await liveFeed(db, actor.workspaceId);
  if (!feed?.tokenEncrypted) return null;
  return { token: decrypt(keys, feed.tokenEncrypted, `calendar_feed:${actor.workspaceId}`), createdAt: feed.createdAt };
}

/** Issues a new secret URL; the old one stops working at once. */
export async function regenerateFeed(db: Db, keys: Keyring, actor: Actor) {
  assertCan(actor.role, "workspace:manage");
  const token = newToken("ics", 24);
  return db.transaction(async (tx) => {
    await revokeLiveFeeds(tx, actor.workspaceId);
    const row = await insertFeed(tx, {
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      tokenHash: hashToken(token),
      tokenEncrypted: encrypt(keys, token, `calendar_feed:${actor.workspaceId}`),
    });
    await writeAudit(tx, actor, { action: "calendar_feed.regenerate", entityType: "calendar_feed", entityId: row.id });
    return { token, createdAt: row.createdAt };
  });
}

const STATUS_LABEL: Record<string, string> = {
  pending: "Scheduled",
  paused: "Paused",
  publishing: "Publishing",
  published: "Published",
  failed: "Failed",
  dead_letter: "Failed",
  cancelled: "Cancelled",
  skipped: "Skipped",
  expired: "Expired",
};

/** The workspace name and events behind a feed token, or null for an unknown or revoked token. */
export async function feedEvents(db: Db, token: string, appUrl: string, now = new Date()): Promise<{ name: string; events: IcsEvent[] } | null> {
  const feed = await feedByHash(db, hashToken(token));
  if (!feed) return null;
  const ws = await getWorkspace(db, feed.workspaceId);
  const rows = await schedulesInWindow(db, feed.workspaceId, {
    from: new Date(now.getTime() - PAST_DAYS * 86_400_000),
    to: new Date(now.getTime() + AHEAD_DAYS * 86_400_000),
    limit: MAX_EVENTS,
  });
  const events = rows.map<IcsEvent>((s) => ({
    uid: `${s.id}@scheduler`,
    start: s.scheduledTime,
    end: new Date(s.scheduledTime.getTime() + EVENT_MINUTES * 60_000),
    summary: `[${STATUS_LABEL[s.publishStatus] ?? s.publishStatus}] ${s.title} · ${s.platformId}`,
    description: `${STATUS_LABEL[s.publishStatus] ?? s.publishStatus} on ${s.platformId}.`,
    url: `${appUrl}/content/${s.contentItemId}`,
    status: s.publishStatus === "cancelled" || s.publishStatus === "skipped" ? "CANCELLED" : s.publishStatus === "paused" ? "TENTATIVE" : "CONFIRMED",
    categories: [s.platformId, s.publishStatus],
  }));
  return { name: `${ws?.name ?? "Workspace"} · posts`, events };
}

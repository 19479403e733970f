/**
 * Tracked links: the stored settings (`workspaces.settings.link_tracking`), the short links made
 * when a post is published, and the per-day click counters behind `/l/{code}`.
 */
import { and, eq, gte, lte, sql } from "drizzle-orm";
import type { Db } from "../client";
import { contentItems, linkClicks, trackedLinks, workspaces } from "../schema";

/** The stored link-tracking settings of a workspace (unparsed), locking the row when asked. */
export async function getStoredLinkTracking(db: Db, workspaceId: string, opts: { forUpdate?: boolean } = {}): Promise<unknown> {
  const q = db
    .select({ v: sql<unknown>`${workspaces.settings} -> 'link_tracking'` })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  return row?.v ?? null;
}

/** Replaces only the `link_tracking` key: other parts of the workspace's settings stay as they are. */
export async function setStoredLinkTracking(db: Db, workspaceId: string, value: unknown) {
  await db
    .update(workspaces)
    .set({ settings: sql`jsonb_set(coalesce(${workspaces.settings}, '{}'::jsonb), '{link_tracking}', ${JSON.stringify(value)}::jsonb)`, updatedAt: new Date() })
    .where(eq(workspaces.id, workspaceId));
}

export interface NewTrackedLink {
  workspaceId: string;
  code: string;
  contentItemId: string;
  scheduleId: string | null;
  platformId: string;
  url: string;
  targetUrl: string;
}

/**
 * Stores short links; a code that exists already is kept as it is (a retry makes the same codes),
 * so a link keeps the target it was published with.
 */
export async function insertTrackedLinks(db: Db, rows: NewTrackedLink[]) {
  if (!rows.length) return;
  await db.insert(trackedLinks).values(rows).onConflictDoNothing({ target: trackedLinks.code });
}

/** The link behind a short code. */
export async function linkByCode(db: Db, code: string) {
  const [row] = await db.select({ id: trackedLinks.id, targetUrl: trackedLinks.targetUrl }).from(trackedLinks).where(eq(trackedLinks.code, code)).limit(1);
  return row ?? null;
}

/** One more click on a link on a UTC day (YYYY-MM-DD). */
export async function countClick(db: Db, linkId: string, day: string) {
  await db
    .insert(linkClicks)
    .values({ linkId, day, clicks: 1 })
    .onConflictDoUpdate({ target: [linkClicks.linkId, linkClicks.day], set: { clicks: sql`${linkClicks.clicks} + 1` } });
}

/** Clicks counted on a schedule's short links, all days together. */
export async function clicksOfSchedule(db: Db, scheduleId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${linkClicks.clicks}), 0)::int` })
    .from(linkClicks)
    .innerJoin(trackedLinks, eq(trackedLinks.id, linkClicks.linkId))
    .where(eq(trackedLinks.scheduleId, scheduleId));
  return Number(row?.n ?? 0);
}

export interface ClickQuery {
  from: string;
  to: string;
  contentId?: string;
}

/** Clicks of a workspace's short links per post, platform and UTC day, within [from, to] (days). */
export async function clicksByPostPlatformDay(db: Db, workspaceId: string, q: ClickQuery) {
  const where = [eq(trackedLinks.workspaceId, workspaceId), gte(linkClicks.day, q.from), lte(linkClicks.day, q.to)];
  if (q.contentId) where.push(eq(trackedLinks.contentItemId, q.contentId));
  return db
    .select({
      contentId: trackedLinks.contentItemId,
      title: contentItems.title,
      platformId: trackedLinks.platformId,
      day: linkClicks.day,
      clicks: sql<number>`sum(${linkClicks.clicks})::int`,
    })
    .from(linkClicks)
    .innerJoin(trackedLinks, eq(trackedLinks.id, linkClicks.linkId))
    .innerJoin(contentItems, eq(contentItems.id, trackedLinks.contentItemId))
    .where(and(...where))
    .groupBy(trackedLinks.contentItemId, contentItems.title, trackedLinks.platformId, linkClicks.day)
    .orderBy(linkClicks.day, contentItems.title, trackedLinks.platformId);
}

/** A post's short links, with the clicks each has had. */
export async function linksOfContent(db: Db, workspaceId: string, contentId: string) {
  return db
    .select({
      code: trackedLinks.code,
      platformId: trackedLinks.platformId,
      url: trackedLinks.url,
      targetUrl: trackedLinks.targetUrl,
      clicks: sql<number>`coalesce((select sum(${linkClicks.clicks}) from ${linkClicks} where ${linkClicks.linkId} = ${trackedLinks.id}), 0)::int`,
    })
    .from(trackedLinks)
    .where(and(eq(trackedLinks.workspaceId, workspaceId), eq(trackedLinks.contentItemId, contentId)))
    .orderBy(trackedLinks.platformId, trackedLinks.url);
}

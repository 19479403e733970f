/**
 * Tracked links (docs in README, "Tracked links"): the workspace's settings, the short links a
 * post is published with, and the clicks counted behind `/l/{code}`.
 *
 * Short links live under PUBLIC_URL, or the app's own address (NEXTAUTH_URL) where PUBLIC_URL is
 * not set — the same base the app's e-mails link to. The settings answer names the base, so an
 * admin sees when it is a loopback address nobody outside can open.
 */
import crypto from "node:crypto";
import { isbot } from "isbot";
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import {
  clicksByPostPlatformDay,
  countClick,
  getStoredLinkTracking,
  insertTrackedLinks,
  linkByCode,
  linksOfContent,
  setStoredLinkTracking,
  type NewTrackedLink,
} from "@/db/queries/links";
import type { PostDraft } from "@/adapters/types";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { getConfig } from "../config";
import { AppError } from "../errors";
import { CODE_LENGTH, countingDraft, shortUrl, trackableLinks, withUtm } from "./rewrite";
import { readLinkTracking, readPostLinkTracking, utmParams, type LinkTrackingInput, type LinkTrackingSettings } from "./settings";

export { countingDraft } from "./rewrite";

/** Where short links live: PUBLIC_URL, else the app's own address. */
export function linkBaseUrl(): string {
  const c = getConfig();
  return (c.publicUrl ?? c.nextauthUrl).replace(/\/+$/, "");
}

function isLoopback(base: string): boolean {
  const host = new URL(base).hostname;
  return host === "localhost" || host.endsWith(".localhost") || host === "[::1]" || /^127\./.test(host);
}

export type LinkTrackingView = LinkTrackingSettings & { short_link_base: string; base_is_local: boolean };

export function linkTrackingView(s: LinkTrackingSettings, base = linkBaseUrl()): LinkTrackingView {
  return { ...s, short_link_base: `${base}/l/`, base_is_local: isLoopback(base) };
}

export async function getLinkTracking(db: Db, workspaceId: string): Promise<LinkTrackingSettings> {
  return readLinkTracking(await getStoredLinkTracking(db, workspaceId));
}

/** Changes the settings (fields left out stay); in the caller's transaction, with its audit row. */
export async function saveLinkTracking(db: Db, actor: Actor, input: LinkTrackingInput): Promise<LinkTrackingSettings> {
  assertCan(actor.role, "workspace:manage");
  const before = readLinkTracking(await getStoredLinkTracking(db, actor.workspaceId, { forUpdate: true }));
  const after: LinkTrackingSettings = { ...before };
  for (const [k, v] of Object.entries(input)) if (v !== undefined) (after as Record<string, unknown>)[k] = v;
  await setStoredLinkTracking(db, actor.workspaceId, after);
  await writeAudit(db, actor, { action: "workspace.link_tracking", entityType: "workspace", entityId: actor.workspaceId, before, after });
  return after;
}

/** The base and settings a post's links are tracked with; null when they are not tracked. */
export interface Tracking {
  base: string;
  settings: LinkTrackingSettings;
}

export function trackingOf(settings: LinkTrackingSettings, postChoice: unknown, base = linkBaseUrl()): Tracking | null {
  if (!settings.enabled) return null;
  if (readPostLinkTracking(postChoice)?.enabled === false) return null;
  return { base, settings };
}

/** A post's tracking, read from the workspace's settings and the post's own choice. */
export async function trackingFor(db: Db, workspaceId: string, postChoice: unknown): Promise<Tracking | null> {
  return trackingOf(await getLinkTracking(db, workspaceId), postChoice);
}

/** The draft to count and validate: with short links in place when the post's links are tracked. */
export function draftToCount(draft: PostDraft, tracking: Tracking | null): PostDraft {
  return tracking ? countingDraft(draft, tracking.base) : draft;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * The short code of one link of one schedule on one platform: a hash, so every retry of the
 * schedule makes the same text (the exactly-once lookup compares texts), and unguessable from
 * the post because schedule ids are random.
 */
export function linkCode(scheduleId: string, platform: string, url: string): string {
  const digest = crypto.createHash("sha256").update(`${scheduleId}\n${platform}\n${url}`).digest();
  let n = digest.readBigUInt64BE(0);
  let out = "";
  for (let i = 0; i < CODE_LENGTH; i++) {
    out += BASE62[Number(n % 62n)];
    n /= 62n;
  }
  return out;
}

export interface JobForLinks {
  schedule: { id: string; workspaceId: string; contentItemId: string; platformId: string };
  content: { title: string; tags: string[]; linkTracking?: unknown };
}

/**
 * Makes (idempotently) the short links of a post about to be published and answers the
 * replacement of each original link. `texts` are everything sent that may hold links.
 */
export async function shortenJobLinks(db: Db, job: JobForLinks, tracking: Tracking, texts: readonly string[]): Promise<Map<string, string>> {
  const own = readPostLinkTracking(job.content.linkTracking);
  const params = utmParams(tracking.settings, {
    platform: job.schedule.platformId,
    title: job.content.title,
    tags: job.content.tags,
    campaign: own?.utm_campaign,
  });
  const urls = [...new Set(texts.flatMap((t) => trackableLinks(t, tracking.base)))];
  const rows: NewTrackedLink[] = urls.map((url) => ({
    workspaceId: job.schedule.workspaceId,
    code: linkCode(job.schedule.id, job.schedule.platformId, url),
    contentItemId: job.schedule.contentItemId,
    scheduleId: job.schedule.id,
    platformId: job.schedule.platformId,
    url,
    targetUrl: withUtm(url, params, own?.override_existing === true),
  }));
  await insertTrackedLinks(db, rows);
  return new Map(rows.map((r) => [r.url, shortUrl(tracking.base, r.code)]));
}

export const CODE_PATTERN = new RegExp(`^[0-9A-Za-z]{${CODE_LENGTH}}$`);

function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Follows a short link: its target, or null for an unknown code. A GET from something that is
 * not an obvious bot or link-preview fetcher (isbot; a request without a user agent counts as one)
 * adds one click on the day; HEAD never counts. Nothing about the request is stored.
 */
export async function followLink(db: Db, code: string, req: { method: string; userAgent: string | null }, now = new Date()): Promise<string | null> {
  if (!CODE_PATTERN.test(code)) return null;
  const link = await linkByCode(db, code);
  if (!link) return null;
  const counted = req.method === "GET" && !!req.userAgent && !isbot(req.userAgent);
  if (counted) await countClick(db, link.id, utcDay(now));
  return link.targetUrl;
}

export interface ClickReportQuery {
  from?: string;
  to?: string;
  content_id?: string;
}

/** Clicks per post, platform and UTC day in a range of days (default: the last 30). */
export async function clickReport(db: Db, actor: Actor, q: ClickReportQuery, now = new Date()) {
  assertCan(actor.role, "analytics:read");
  const to = q.to ?? utcDay(now);
  const from = q.from ?? utcDay(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000));
  if (from > to) throw new AppError("bad_request:validation", "from must not be after to", [{ field: "from", message: "after to" }]);
  if (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) > 366 * 86_400_000) {
    throw new AppError("bad_request:validation", "the range can span at most 366 days", [{ field: "from", message: "range too long" }]);
  }
  const rows = await clicksByPostPlatformDay(db, actor.workspaceId, { from, to, contentId: q.content_id });
  const links = q.content_id ? await linksOfContent(db, actor.workspaceId, q.content_id) : null;
  return {
    from,
    to,
    total: rows.reduce((a, r) => a + Number(r.clicks), 0),
    rows: rows.map((r) => ({ content_id: r.contentId, title: r.title, platform: r.platformId, day: r.day, clicks: Number(r.clicks) })),
    links: links?.map((l) => ({ code: l.code, platform: l.platformId, url: l.url, target_url: l.targetUrl, clicks: Number(l.clicks) })) ?? null,
  };
}

/** A post's clicks over the last year (the longest range a report covers), with its links. */
export function postClicks(db: Db, actor: Actor, contentId: string, now = new Date()) {
  return clickReport(db, actor, { content_id: contentId, from: utcDay(new Date(now.getTime() - 365 * 86_400_000)) }, now);
}

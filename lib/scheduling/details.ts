/**
 * One schedule as the per-schedule controls show it (calendar popover, clone and retry-settings
 * forms): its settings, its post, where it went out, and the accounts it could be cloned to.
 */
import type { Db } from "@/db/client";
import { getContentRow } from "@/db/queries/content";
import { listAccounts } from "@/db/queries/accounts";
import { platformName } from "@/adapters/registry";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { requireSchedule } from "./schedules";
import { publishedLink } from "./published-link";

const EXCERPT = 280;

export async function scheduleDetails(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "schedules:read");
  const s = await requireSchedule(db, actor, id);
  const [item, accounts] = await Promise.all([getContentRow(db, actor.workspaceId, s.contentItemId), listAccounts(db, actor.workspaceId)]);
  const body = item?.content ?? "";
  return {
    id: s.id,
    version: s.version,
    status: s.publishStatus,
    contentItemId: s.contentItemId,
    title: s.contentTitle,
    excerpt: body.length > EXCERPT ? `${body.slice(0, EXCERPT - 1)}…` : body,
    contentStatus: item?.status ?? null,
    platformId: s.platformId,
    platformName: platformName(s.platformId),
    platformAccountId: s.platformAccountId,
    accountName: s.accountName,
    localTime: s.localTime,
    timezone: s.timezone,
    scheduledTime: s.scheduledTime.toISOString(),
    publishedAt: s.publishedAt?.toISOString() ?? null,
    retryCount: s.retryCount,
    retryStrategy: s.retryStrategy,
    retryDelays: s.retryDelays ?? [],
    maxRetries: s.maxRetries,
    priority: s.priority,
    missedPolicy: s.missedPolicy,
    errorMessage: s.errorMessage,
    errorCode: s.errorCode,
    recurring: !!s.recurrenceSeriesId,
    link: publishedLink(s.platformId, s.platformPostUrl),
    // Disabled accounts refuse new schedules; the clone form offers the others.
    accounts: accounts
      .filter((a) => a.status !== "disabled")
      .map((a) => ({ id: a.id, name: a.name, platformName: platformName(a.platform), status: a.status })),
  };
}
export type ScheduleDetails = Awaited<ReturnType<typeof scheduleDetails>>;

/** A schedule row of a list (the content page's Schedules) with what its controls and link need. */
export function scheduleRowView(s: {
  id: string;
  contentTitle: string;
  accountName: string;
  platformId: string;
  localTime: string;
  timezone: string;
  scheduledTime: Date;
  publishStatus: string;
  recurrenceSeriesId: string | null;
  platformPostUrl: string | null;
  errorMessage: string | null;
  errorCode: string | null;
}) {
  return {
    id: s.id,
    title: s.contentTitle,
    accountName: s.accountName,
    platformName: platformName(s.platformId),
    localTime: s.localTime,
    timezone: s.timezone,
    scheduledTime: s.scheduledTime.toISOString(),
    status: s.publishStatus,
    recurring: !!s.recurrenceSeriesId,
    errorMessage: s.errorMessage,
    errorCode: s.errorCode,
    link: publishedLink(s.platformId, s.platformPostUrl),
  };
}
export type ScheduleRowView = ReturnType<typeof scheduleRowView>;

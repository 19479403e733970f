/** What the job monitor shows, read under the member's permission with validated filters. */
import { z } from "zod";
import type { Db } from "@/db/client";
import { getScheduleView, listAttemptRows, listFailedSchedules, listMissedSchedules } from "@/db/queries/jobs";
import { PLATFORMS } from "@/adapters/types";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { dayStart } from "../time";

export const OUTCOMES = ["success", "found_existing", "retryable", "rate_limited", "auth", "permanent", "unknown_outcome", "in_progress"] as const;
const optional = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), s.optional());

export const monitorQuery = z.object({
  outcome: optional(z.enum(OUTCOMES)),
  platform: optional(z.enum(PLATFORMS)),
  content_type: optional(z.enum(["post", "article", "thread", "carousel"])),
  from: optional(z.iso.date()),
  to: optional(z.iso.date()),
  schedule: optional(z.uuid()),
});
export type MonitorQuery = z.infer<typeof monitorQuery>;

/** Unreadable filters are dropped (with a note), never an error page. */
export function readMonitorQuery(params: Record<string, string | string[] | undefined>): { query: MonitorQuery; ignored: string[] } {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const query: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const key of Object.keys(monitorQuery.shape) as (keyof typeof monitorQuery.shape)[]) {
    const r = monitorQuery.shape[key].safeParse(flat[key]);
    if (r.success) query[key] = r.data;
    else ignored.push(key);
  }
  return { query: query as MonitorQuery, ignored };
}

export async function jobMonitor(db: Db, actor: Actor, q: MonitorQuery, timeZone = "UTC") {
  assertCan(actor.role, "schedules:read");
  const [attempts, failed, missed, focus] = await Promise.all([
    listAttemptRows(db, actor.workspaceId, {
      outcome: q.outcome,
      platform: q.platform,
      contentType: q.content_type,
      from: q.from ? (dayStart(q.from, timeZone) ?? undefined) : undefined,
      to: q.to ? (dayStart(q.to, timeZone, 1) ?? undefined) : undefined, // a bare end date covers that whole day
      scheduleId: q.schedule,
    }),
    listFailedSchedules(db, actor.workspaceId),
    listMissedSchedules(db, actor.workspaceId),
    q.schedule ? getScheduleView(db, actor.workspaceId, q.schedule) : Promise.resolve(null),
  ]);
  return { attempts, failed, missed, focus };
}

/** The workspace's latest attempts that did not publish (errors of any kind), newest first. */
export async function recentFailedAttempts(db: Db, actor: Actor, limit: number) {
  assertCan(actor.role, "schedules:read");
  return listAttemptRows(db, actor.workspaceId, { failuresOnly: true }, limit);
}

/** Fixtures for best-time tests: an account's imported results, spread over past weeks. */
import type { Db } from "../../db/client";
import { engagementObservations } from "../../db/schema";
import { requestRefits } from "../../db/queries/best-times";
import { publishSlot } from "../../lib/analytics/measurements";
import { parseLocal, resolveLocal } from "../../lib/time";

const DAY = 86_400_000;

export interface HistoryOptions {
  workspaceId: string;
  accountId: string;
  /** Posts, spread over the 16 weeks before `now` at 07:00–22:00 local. */
  n: number;
  zone: string;
  now: Date;
  /** The post's engagement rate from its local weekday and hour (and its index, for noise). */
  rate: (weekday: number, hour: number, i: number) => number;
  contentType?: string;
}

/**
 * Imported results on the account, 1,000 impressions each, queued for a refit. Each content type
 * goes out at its own minute, so two histories of one account never share a moment.
 */
export async function importedHistory(db: Db, o: HistoryOptions) {
  const type = o.contentType ?? "post";
  const minute = type === "post" ? "00" : type === "article" ? "30" : "15";
  const rows = [];
  for (let i = 0; i < o.n; i++) {
    const day = new Date(o.now.getTime() - (1 + ((i * 37) % 112)) * DAY).toISOString().slice(0, 10);
    const hour = 7 + ((i * 7) % 16);
    const postedAt = resolveLocal(parseLocal(`${day}T${String(hour).padStart(2, "0")}:${minute}`)!, o.zone).instant;
    const slot = publishSlot(postedAt, o.zone);
    const likes = Math.round(o.rate(slot.weekday, slot.hour, i) * 1000);
    rows.push({
      workspaceId: o.workspaceId,
      platformAccountId: o.accountId,
      source: "imported",
      postedAt,
      timezone: o.zone,
      weekday: slot.weekday,
      minuteOfDay: slot.minuteOfDay,
      contentType: type,
      impressions: 1000,
      likes,
      engagementRate: likes / 1000,
      rateBasis: "impressions",
    });
  }
  await db.insert(engagementObservations).values(rows);
  await requestRefits(db, o.workspaceId, [o.accountId]);
}

import type { Db } from "@/db/client";
import { getPreferences } from "@/db/queries/users";
import { getWorkspace } from "@/db/queries/workspaces";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { isValidTimeZone, parseScheduleTime } from "../time";

/** Seconds a schedule may lie in the past when created (clock skew, a slow form): it then goes out at once. */
export const PAST_GRACE_MS = 60_000;

/** The zone a time without one is read in: the given one, else the person's, else the workspace's. */
export async function resolveTimezone(db: Db, actor: Actor, given: string | undefined): Promise<string> {
  if (given !== undefined) {
    if (!isValidTimeZone(given))
      throw new AppError("bad_request:invalid_timezone", `timezone "${given}" is not a known IANA time zone (for example "Europe/Berlin" or "UTC")`, [
        { field: "timezone", message: "unknown time zone" },
      ]);
    return given;
  }
  const pref = actor.userId ? await getPreferences(db, actor.userId) : null;
  if (pref?.timezone && pref.timezone !== "UTC") return pref.timezone;
  return (await getWorkspace(db, actor.workspaceId))?.defaultTimezone ?? "UTC";
}

/**
 * Reads `scheduled_time` in a zone into the UTC instant and the local wall time, refusing a time
 * that does not exist there (spring-forward gap) or that is already past.
 */
export function resolveTime(input: string, timezone: string, now: Date, field = "scheduled_time") {
  const r = parseScheduleTime(input, timezone);
  if (!r.ok) {
    const code =
      r.code === "nonexistent_time"
        ? "bad_request:nonexistent_time"
        : r.code === "invalid_timezone"
          ? "bad_request:invalid_timezone"
          : "bad_request:invalid_time";
    const hint = r.code === "nonexistent_time" ? ` The next valid time is ${r.nextValid}.` : "";
    throw new AppError(code, `${field}: ${r.message}.${hint}`.replace("..", "."), [{ field, message: r.message }]);
  }
  if (r.instant.getTime() < now.getTime() - PAST_GRACE_MS) {
    throw new AppError("bad_request:past_time", `${field}: ${input} (${r.local} ${timezone}) is in the past. Pick a time from now on.`, [
      { field, message: "in the past" },
    ]);
  }
  return { instant: r.instant, local: r.local, timezone, ambiguous: r.ambiguous };
}

import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { insertSchedules, UNSENT_STATUSES } from "@/db/queries/schedules";
import { countScheduled } from "../monitoring/counters";
import { recurrenceSeries } from "@/db/schema";
import type { PlatformId } from "@/adapters/types";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { platformIssuesError, validateItemFor } from "../content/draft";

/** Schedules that have not gone out yet, nor been dropped. */
const UNSENT = new Set<string>(UNSENT_STATUSES);
export { platformIssuesError };
import type { ScheduleCreateInput } from "../validation/schedules";
import { parseRecurrence, expandOccurrences, type RecurrenceSpec } from "../recurrence";
import { parseLocal } from "../time";
import { resolveTime, resolveTimezone } from "./resolve";
import { judgeSlots, loadConflictContext, type ConflictWarning } from "./conflicts";
import { countConflicts } from "../monitoring/counters";
import { loadTargets, requireSchedule, scheduleRows, syncContent, type PlannedSchedule } from "./schedules";
import { emitScheduleCreated } from "./events";
import { assertSchedulable } from "./targets";
import { skipBlackedOut, type SkippedOccurrence } from "./blackout-skip";
import { blackoutsOverlapping } from "@/db/queries/blackouts";

/** The API's recurrence object as the recurrence library's spec. */
export function toSpec(rec: { rrule?: string; cron?: string; count?: number; until?: string }): RecurrenceSpec {
  return rec.rrule ? { rrule: rec.rrule, count: rec.count, until: rec.until } : { cron: rec.cron!, count: rec.count, until: rec.until };
}

function skippedWarning(skipped: SkippedOccurrence[]): ConflictWarning {
  const shown = skipped.slice(0, 5).map((x) => `${x.local_time.replace("T", " ")} (${x.timezone})`);
  const more = skipped.length > shown.length ? ` and ${skipped.length - shown.length} more` : "";
  const n = skipped.length;
  return {
    type: "conflict",
    conflict_type: "blackout",
    message: `${n} occurrence${n === 1 ? "" : "s"} of the series fall${n === 1 ? "s" : ""} in a blackout and ${n === 1 ? "is" : "are"} skipped: ${shown.join(", ")}${more}.`,
    schedule_ids: [],
    suggested_time: null,
  };
}

/** Schedules one request may create (occurrences × accounts): bounds the work a request can cause. */
export const MAX_SCHEDULES_AT_ONCE = 2000;

/** How far ahead a recurring series is turned into schedules; a job keeps extending it. */
export const MATERIALIZE_DAYS = 60;

/**
 * Schedules one item on one or more accounts at one time (or as a recurring series), after
 * checking the time in its zone and the item against each platform's rules. All or nothing.
 * A series' occurrences inside a blackout are skipped and listed (`skippedOccurrences`), unless
 * the caller asks `on_blackout: "reject"`; a single post inside one is always refused.
 */
export async function createSchedules(db: Db, actor: Actor, input: ScheduleCreateInput, now = new Date()) {
  assertCan(actor.role, "schedules:write");
  const accountIds = input.platform_account_ids ?? [input.platform_account_id!];
  const timezone = await resolveTimezone(db, actor, input.timezone);
  const first = resolveTime(input.scheduled_time, timezone, now);
  const rec = input.recurrence;
  const rule = rec ? parseRecurrence(toSpec(rec)) : null;
  if (rule && !rule.ok) throw new AppError("bad_request:recurrence", `recurrence: ${rule.message}`, [{ field: "recurrence", message: rule.message }]);

  return db.transaction(async (tx) => {
    const { item, accounts } = await loadTargets(tx, actor, input.content_item_id, accountIds);
    assertSchedulable(accounts);
    const issues = await validateItemFor(
      tx,
      actor.workspaceId,
      item,
      accounts.map((a) => a.platform as PlatformId),
    );
    const errors = issues.filter((i) => i.severity === "error");
    if (errors.length) throw platformIssuesError(errors);

    let times: { instant: Date; local: string }[] = [{ instant: first.instant, local: first.local }];
    let seriesId: string | null = null;
    if (rule?.ok) {
      const start = parseLocal(first.local)!;
      // A series starting far ahead still gets its first weeks now; the job extends it later.
      let horizon = new Date(Math.max(now.getTime(), first.instant.getTime()) + MATERIALIZE_DAYS * 86_400_000);
      times = expandOccurrences(rule.rule, { start, timezone, from: new Date(first.instant.getTime() - 1000), to: horizon, limit: 500 }).map((o) => ({
        instant: o.instant,
        local: o.local,
      }));
      // A very frequent rule fills the limit first: the job goes on right after the last one.
      if (times.length === 500) horizon = new Date(times[499]!.instant.getTime() + 1);
      if (!times.length) throw new AppError("bad_request:recurrence", "recurrence: the rule gives no occurrence from scheduled_time on");
      const [series] = await tx
        .insert(recurrenceSeries)
        .values({
          workspaceId: actor.workspaceId,
          contentItemId: item.id,
          platformAccountIds: accounts.map((a) => a.id),
          rrule: input.recurrence!.rrule ?? null,
          cron: input.recurrence!.cron ?? null,
          timezone,
          localTime: first.local,
          startsAt: first.instant,
          until: rule.rule.until?.kind === "instant" ? rule.rule.until.instant : null,
          count: rule.rule.count ?? null,
          materializedUntil: horizon,
          template: {
            recurrence: rec,
            retry_strategy: input.retry_strategy,
            retry_delays: input.retry_delays ?? null,
            max_retries: input.max_retries,
            priority: input.priority,
            missed_policy: input.missed_policy,
            metadata: input.metadata ?? {},
          },
          createdBy: actor.userId,
        })
        .returning({ id: recurrenceSeries.id });
      seriesId = series!.id;
    }
    if (times.length * accounts.length > MAX_SCHEDULES_AT_ONCE) {
      throw new AppError(
        "bad_request:too_many",
        `this would create ${times.length * accounts.length} schedules at once; at most ${MAX_SCHEDULES_AT_ONCE} (fewer accounts, or a less frequent rule)`,
      );
    }
    let plans: PlannedSchedule[] = times.flatMap((t) =>
      accounts.map((a) => ({ accountId: a.id, platformId: a.platform, instant: t.instant, local: t.local, timezone, seriesId })),
    );
    let skipped: SkippedOccurrence[] = [];
    if (seriesId && input.on_blackout !== "reject") {
      const last = times[times.length - 1]!.instant;
      const blackouts = await blackoutsOverlapping(
        tx,
        actor.workspaceId,
        times[0]!.instant,
        new Date(last.getTime() + 1),
        accounts.map((a) => a.id),
      );
      const split = skipBlackedOut(plans, blackouts);
      // Nothing left to create: refuse as for a single post (judgeSlots names the blackout).
      if (split.kept.length) ({ kept: plans, skipped } = split);
    }
    const ctx = await loadConflictContext(tx, actor.workspaceId, accounts, times[0]!.instant, times[times.length - 1]!.instant, timezone);
    // The same post on the same account at the same instant, still to go out, is never meant
    // twice (a second click, a clone to the time it already has, "add another time" at that time).
    const twin = plans.find((p) =>
      ctx.existing.some(
        (e) => e.contentItemId === item.id && e.accountId === p.accountId && e.instant.getTime() === p.instant.getTime() && UNSENT.has(e.status ?? ""),
      ),
    );
    if (twin) {
      const name = accounts.find((a) => a.id === twin.accountId)?.name ?? "that account";
      throw new AppError(
        "conflict:duplicate",
        `This post is already scheduled on “${name}” at ${twin.local.replace("T", " ")} ${twin.timezone}; nothing was added.`,
        [{ platform_account_id: twin.accountId, scheduled_time: twin.instant.toISOString() }],
      );
    }
    const conflicts = judgeSlots(
      plans.map((p) => ({ accountId: p.accountId, platformId: p.platformId as PlatformId, contentItemId: item.id, instant: p.instant, title: item.title })),
      ctx,
      now,
    );
    await countConflicts(tx, conflicts);
    // Said once among the warnings too, so a screen that shows warnings tells the person.
    if (skipped.length) conflicts.unshift(skippedWarning(skipped));
    const rows = await insertSchedules(tx, scheduleRows(actor, item.id, input, plans));
    await emitScheduleCreated(tx, rows);
    await countScheduled(tx, rows);
    await syncContent(tx, actor.workspaceId, item.id);
    await writeAudit(tx, actor, {
      action: "schedule.create",
      entityType: "content",
      entityId: item.id,
      after: {
        schedules: rows.length,
        accounts: accounts.map((a) => a.id),
        first: first.instant,
        timezone,
        series: seriesId,
        ...(skipped.length ? { skipped_in_blackout: skipped.map((x) => x.local_time) } : {}),
      },
    });
    return {
      schedules: rows,
      seriesId,
      skippedOccurrences: skipped,
      warnings: issues.filter((i) => i.severity === "warning"),
      conflicts,
      ambiguous: first.ambiguous,
    };
  });
}

/** A new pending schedule like an existing one: same item and settings, another time or account. */
export async function cloneSchedule(
  db: Db,
  actor: Actor,
  id: string,
  input: { scheduled_time?: string; timezone?: string; platform_account_id?: string },
  now = new Date(),
) {
  const src = await requireSchedule(db, actor, id);
  return createSchedules(
    db,
    actor,
    {
      content_item_id: src.contentItemId,
      platform_account_id: input.platform_account_id ?? src.platformAccountId,
      scheduled_time: input.scheduled_time ?? src.localTime,
      timezone: input.timezone ?? src.timezone,
      retry_strategy: src.retryStrategy,
      retry_delays: src.retryDelays ?? undefined,
      max_retries: src.maxRetries,
      priority: src.priority,
      missed_policy: src.missedPolicy,
      metadata: (src.metadata as Record<string, unknown>) ?? {},
    },
    now,
  );
}

"use server";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action, actionRuntime } from "@/app/_server/action";
import { createSchedules, cloneSchedule } from "@/lib/scheduling/create";
import { deleteSchedule, transitionSchedule, updateSchedule } from "@/lib/scheduling/schedules";
import { bulkSchedule } from "@/lib/scheduling/bulk";
import { queueContent } from "@/lib/scheduling/queue";
import { calendar } from "@/lib/scheduling/calendar";
import { scheduleDetails } from "@/lib/scheduling/details";
import { bulkScheduleSchema, calendarQuery, scheduleCloneSchema, scheduleCreateSchema, schedulePatchSchema } from "@/lib/validation/schedules";

// Server actions for the calendar and composer: the same lib functions and zod schemas as /api/v1.
const byId = z.object({ id: z.uuid() });
const done = <T>(value: T) => {
  actionRuntime.revalidate("/");
  return value;
};
const ids = (r: { schedules: { id: string }[] }) => r.schedules.map((s) => s.id);

export const createSchedulesAction = action(operation("post /schedules"), scheduleCreateSchema, async ({ db, actor, input }) => {
  const r = await createSchedules(db, actor, input);
  return done({ ids: ids(r), warnings: [...r.warnings.map((w) => w.message), ...r.conflicts.map((c) => c.message)] });
});

/**
 * Drag on the calendar: a new wall time (and zone); the server refuses blackouts, past times,
 * published posts. It answers with the new version and does not re-render the page: the calendar
 * keeps the move itself, and a month of events in every drop's answer would make drops slow.
 */
export const rescheduleAction = action(
  operation("patch /schedules/{id}"),
  z.object({ id: z.uuid(), patch: schedulePatchSchema }),
  async ({ db, actor, input }) => {
    const { row, warnings } = await updateSchedule(db, actor, input.id, input.patch);
    return {
      id: row.id,
      scheduled_time: row.scheduledTime.toISOString(),
      local_time: row.localTime,
      version: row.version,
      warnings: warnings.map((w) => w.message),
    };
  },
);

export const pauseScheduleAction = action(operation("post /schedules/{id}/pause"), byId, async ({ db, actor, input }) =>
  done({ status: (await transitionSchedule(db, actor, input.id, "pause")).publishStatus }),
);
export const resumeScheduleAction = action(operation("post /schedules/{id}/resume"), byId, async ({ db, actor, input }) =>
  done({ status: (await transitionSchedule(db, actor, input.id, "resume")).publishStatus }),
);
export const cancelScheduleAction = action(operation("post /schedules/{id}/cancel"), byId, async ({ db, actor, input }) =>
  done({ status: (await transitionSchedule(db, actor, input.id, "cancel")).publishStatus }),
);
export const deleteScheduleAction = action(operation("delete /schedules/{id}"), byId, async ({ db, actor, input }) =>
  done(await deleteSchedule(db, actor, input.id)),
);
export const cloneScheduleAction = action(
  operation("post /schedules/{id}/clone"),
  z.object({ id: z.uuid(), to: scheduleCloneSchema }),
  async ({ db, actor, input }) => done({ ids: ids(await cloneSchedule(db, actor, input.id, input.to)) }),
);
export const bulkScheduleAction = action(operation("post /schedules/bulk"), bulkScheduleSchema, async ({ db, actor, input }) => {
  const r = await bulkSchedule(db, actor, input);
  return done({ items: r.created.length, schedules: r.created.reduce((n, c) => n + c.schedules.length, 0) });
});
export const queueContentAction = action(
  operation("post /content/{id}/queue"),
  z.object({ id: z.uuid(), platform_account_ids: z.array(z.uuid()).optional() }),
  async ({ db, actor, input }) => done({ ids: (await queueContent(db, actor, input.id, input.platform_account_ids)).flatMap(ids) }),
);

/** Retry settings (strategy, delays, max retries, priority, missed policy) or a new time: PATCH /schedules/{id}. */
export const updateScheduleAction = action(
  operation("patch /schedules/{id}"),
  z.object({ id: z.uuid(), patch: schedulePatchSchema }),
  async ({ db, actor, input }) => {
    const { row, warnings } = await updateSchedule(db, actor, input.id, input.patch);
    return done({ id: row.id, version: row.version, warnings: warnings.map((w) => w.message) });
  },
);

/** What the per-schedule controls show (calendar popover, clone and settings forms), read when they open. */
export const scheduleDetailsAction = action(operation("get /schedules/{id}"), byId, async ({ db, actor, input }) => scheduleDetails(db, actor, input.id));

export const calendarAction = action(operation("get /schedules/calendar"), calendarQuery, async ({ db, actor, input }) => calendar(db, actor, input));

"use server";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action, actionRuntime } from "@/app/_server/action";
import { retryComment, retrySchedule } from "@/lib/publishing/manual";

/** Put a failed, dead-lettered or skipped post back in the queue, due now (job monitor, content page, calendar). */
export const retryScheduleAction = action(operation("post /schedules/{id}/retry"), z.object({ id: z.uuid() }), async ({ db, actor, input }) => {
  const row = await retrySchedule(db, actor, input.id);
  actionRuntime.revalidate("/");
  return { id: row.id, status: row.publishStatus };
});

/** Send a failed first comment again (job monitor). */
export const retryCommentAction = action(operation("post /schedules/{id}/comment/retry"), z.object({ id: z.uuid() }), async ({ db, actor, input }) => {
  await retryComment(db, actor, input.id);
  actionRuntime.revalidate("/jobs");
  return { id: input.id };
});

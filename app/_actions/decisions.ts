"use server";
import { z } from "zod";
import { action, actionRuntime } from "@/app/_server/action";
import { decideMissed } from "@/lib/publishing/decision";
import { MISSED_DECISIONS } from "@/lib/validation/decisions";

/** "Needs a decision": publish a missed post now, or skip it. */
export const decideMissedAction = action("schedules:write", z.object({ id: z.uuid(), decision: z.enum(MISSED_DECISIONS) }), async ({ db, actor, input }) => {
  const row = await decideMissed(db, actor, input.id, input.decision);
  actionRuntime.revalidate("/");
  return { id: row.id, status: row.publishStatus };
});

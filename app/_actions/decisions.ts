"use server";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action, actionRuntime } from "@/app/_server/action";
import { decideMissed } from "@/lib/publishing/decision";
import { MISSED_DECISIONS } from "@/lib/validation/decisions";

/** "Needs a decision": publish a missed post now, or skip it. */
export const decideMissedAction = action(
  operation("post /schedules/{id}/decision"),
  z.object({ id: z.uuid(), decision: z.enum(MISSED_DECISIONS) }),
  async ({ db, actor, input }) => {
    const row = await decideMissed(db, actor, input.id, input.decision);
    actionRuntime.revalidate("/");
    return { id: row.id, status: row.publishStatus };
  },
);

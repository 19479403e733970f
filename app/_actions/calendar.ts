"use server";
import { z } from "zod";
import { action } from "@/app/_server/action";
import { rememberDropTargets } from "@/lib/calendar/drop-targets";

/** The calendar remembers, per person and workspace, which accounts a dropped draft goes to. */
export const rememberDropTargetsAction = action("schedules:write", z.object({ account_ids: z.array(z.uuid()).max(100) }), async ({ db, actor, input }) => ({
  account_ids: await rememberDropTargets(db, actor, input.account_ids),
}));

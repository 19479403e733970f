"use server";
import { z } from "zod";
import { action } from "@/app/_server/action";
import { confirmMyZone } from "@/lib/preferences";

/** The browser agrees with the stored zone: confirm it without asking. */
export const confirmZoneAction = action("workspace:read", z.object({ timezone: z.string().trim().min(1).max(64) }), async ({ db, actor, input }) =>
  confirmMyZone(db, actor, input.timezone),
);

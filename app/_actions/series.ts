"use server";
import { z } from "zod";
import { action } from "@/app/_server/action";
import { previewSeries } from "@/lib/scheduling/series-preview";

// The composer's preview of a series' next posts, with the ones a blackout will skip marked.
const previewInput = z
  .object({
    rrule: z.string().trim().min(1).max(500),
    scheduled_time: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "scheduled_time must be YYYY-MM-DDTHH:mm"),
    timezone: z.string().trim().min(1).max(64),
    platform_account_ids: z.array(z.uuid()).max(50).optional(),
    limit: z.number().int().min(1).max(20).default(5),
  })
  .strict();

export const previewSeriesAction = action("schedules:read", previewInput, async ({ db, actor, input }) => previewSeries(db, actor, input));

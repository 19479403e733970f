import { z } from "zod";

export const MISSED_DECISIONS = ["publish_now", "skip"] as const;
export type MissedDecision = (typeof MISSED_DECISIONS)[number];

/** POST /api/v1/schedules/{id}/decision: what to do with a missed post whose policy is "ask". */
export const missedDecisionSchema = z
  .object({
    decision: z
      .enum(MISSED_DECISIONS, { message: "decision must be publish_now or skip" })
      .describe("publish_now puts it in the queue due now; skip leaves it unpublished"),
  })
  .strict();
export type MissedDecisionInput = z.infer<typeof missedDecisionSchema>;

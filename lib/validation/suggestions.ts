import { z } from "zod";
import { dateOrDateTime } from "./common";
import { CONTENT_TYPES } from "@/db/schema/values";

export const suggestionsQuery = z
  .object({
    platform_account_id: z.uuid({ message: "platform_account_id must be an id" }),
    date_from: dateOrDateTime.optional(),
    date_to: dateOrDateTime.optional(),
    count: z.coerce.number().int().min(1, "count must be at least 1").max(50, "count can be at most 50").default(5),
    timezone: z.string().trim().min(1).max(64).optional(),
    content_type: z.enum(CONTENT_TYPES, { message: `content_type must be one of ${CONTENT_TYPES.join(", ")}` }).optional(),
  })
  .strict();
export type SuggestionsQuery = z.infer<typeof suggestionsQuery>;

/** The composer's ask: suggestions for every ticked account in one answer. */
export const suggestionsForAccountsInput = suggestionsQuery
  .omit({ platform_account_id: true })
  .extend({
    platform_account_ids: z
      .array(z.uuid({ message: "platform_account_ids must be ids" }))
      .min(1, "choose at least one account")
      .max(50, "at most 50 accounts at once"),
  })
  .strict();
export type SuggestionsForAccountsInput = z.infer<typeof suggestionsForAccountsInput>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "times are HH:mm");
export const postingSlotsSchema = z
  .object({
    timezone: z.string().trim().min(1).max(64),
    slots: z
      .array(
        z
          .object({ days: z.array(z.number().int().min(0).max(6)).min(1, "name at least one day (0 = Sunday)").max(7), times: z.array(hhmm).min(1).max(24) })
          .strict(),
      )
      .max(20),
  })
  .strict();
export type PostingSlotsInput = z.infer<typeof postingSlotsSchema>;

export const queueSchema = z.object({ platform_account_ids: z.array(z.uuid()).min(1).max(50).optional() }).strict();

import { z } from "zod";
import { isoDateTime } from "./common";

const frequency = z
  .object({
    min_per_week: z.number().int().min(0).max(500).nullish(),
    max_per_week: z.number().int().min(1).max(500).nullish(),
  })
  .strict()
  .refine((f) => f.min_per_week == null || f.max_per_week == null || f.min_per_week <= f.max_per_week, {
    message: "min_per_week cannot be more than max_per_week",
  });

export const preferencesSchema = z
  .object({
    timezone: z.string().trim().min(1).max(64),
    /** A BCP 47 tag ("de-DE"); null goes back to the browser's language. */
    locale: z.string().trim().min(2).max(35).nullable(),
    week_start: z.number().int().min(0, "week_start is 0 (Sunday) to 6 (Saturday)").max(6, "week_start is 0 (Sunday) to 6 (Saturday)"),
    posting_frequency: z.record(z.string().min(1).max(40), frequency),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one preference" });
export type PreferencesInput = z.infer<typeof preferencesSchema>;

const blackoutFields = {
  starts_at: isoDateTime,
  ends_at: isoDateTime,
  platform_account_id: z.uuid().nullish(),
  reason: z.string().trim().max(200).nullish(),
};
export const blackoutCreateSchema = z.object(blackoutFields).strict();
export const blackoutPatchSchema = z
  .object(blackoutFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one field to change" });
export type BlackoutInput = z.infer<typeof blackoutPatchSchema>;

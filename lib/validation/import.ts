import { z } from "zod";
import { dateOrDateTime } from "./common";

const flag = z.enum(["true", "false"], { message: "must be true or false" }).transform((v) => v === "true");

export const importQuery = z
  .object({
    dry_run: flag.default(false),
    mode: z.enum(["all_or_nothing", "partial"], { message: "mode must be all_or_nothing or partial" }).default("all_or_nothing"),
    duplicates: z.enum(["skip", "import"], { message: "duplicates must be skip or import" }).default("skip"),
  })
  .strict();

export const exportQuery = z
  .object({
    type: z.enum(["content", "schedules"], { message: "type must be content or schedules" }).default("schedules"),
    date_from: dateOrDateTime.optional(),
    date_to: dateOrDateTime.optional(),
  })
  .strict();

/** POST /analytics/import: `dry_run=true` checks the file and answers what would happen, writing nothing. */
export const historyImportQuery = z.object({ dry_run: flag.default(false) }).strict();

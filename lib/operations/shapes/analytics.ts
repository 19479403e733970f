import { z } from "zod";
import { id, ts } from "./common";

const problem = z.object({
  row: z.number().int().describe("the row as a spreadsheet numbers it; the header is row 1"),
  column: z.string().nullable().describe("null: the row as a whole"),
  message: z.string(),
});

/** POST /analytics/import: what the history import did (or, with dry_run, would do). */
export const historyImportResult = z.object({
  dry_run: z.boolean(),
  rows: z.number().int().describe("rows of the file; rows whose cells are all empty are not counted"),
  created: z.number().int().describe("observations added"),
  updated: z.number().int().describe("observations of an account and moment imported before, whose figures were replaced"),
  without_rate: z.number().int().describe("rows with neither impressions nor reach: kept, but without an engagement rate they teach the best times nothing"),
  posted_from: ts,
  posted_to: ts,
  accounts: z.array(z.object({ id, name: z.string(), platform: z.string(), posts: z.number().int(), created: z.number().int(), updated: z.number().int() })),
  warnings: z.array(problem).describe("rows read other than written: a local time the clocks skip (moved on by the gap) or show twice (the first is taken)"),
});

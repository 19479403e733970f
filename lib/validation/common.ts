import { z } from "zod";
import { describeUnsafe, unsafeReason } from "./unsafe-text";

/** Shared pieces of the API's zod schemas (also the source of the OpenAPI document). */
export const isoDateTime = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with an offset, e.g. 2026-05-01T09:00:00Z" });
export const isoDate = z.iso.date({ message: "must be a date, YYYY-MM-DD" });
/** A date or a date-time, for range filters. */
export const dateOrDateTime = z.union([isoDate, isoDateTime], { message: "must be a date (YYYY-MM-DD) or an ISO 8601 date-time" });

export const pageQuery = {
  page: z.coerce.number({ message: "page must be a number" }).int("page must be a whole number").min(1, "page starts at 1").default(1),
  limit: z.coerce
    .number({ message: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(100, "limit must be at most 100")
    .default(25),
};

/**
 * A string the database can store: no NUL, no unpaired surrogate, no control character other than
 * tab and line breaks (see unsafe-text.ts). The API and action wrappers already refuse such input
 * before any schema runs; schemas built on this refuse it wherever else they are used.
 */
export const safeString = () =>
  z.string().check((ctx) => {
    const reason = unsafeReason(ctx.value);
    if (reason) ctx.issues.push({ code: "custom", message: describeUnsafe(reason), input: ctx.value });
  });

/** `a,b,c` in a query string → ["a","b","c"]. */
export const csvList = safeString().transform((s) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean),
);

export const tagSchema = safeString().trim().min(1, "a tag cannot be empty").max(50, "a tag can have at most 50 characters");

/** A range filter's end: a bare date includes that whole (UTC) day; a date-time is taken as it is. */
export function rangeEnd(v: string): Date {
  return new Date(v.length === 10 ? `${v}T23:59:59.999Z` : v);
}

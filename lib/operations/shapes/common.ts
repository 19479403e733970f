import { z } from "zod";
import { ROLES } from "@/db/schema/values";

/** Building blocks of the answers: ids, times, lists, pages, the error body, warnings. */
export const id = z.uuid();
export const ts = z.string().describe("ISO 8601 date-time");
export const tsN = ts.nullable();
export const role = z.enum(ROLES);
export const page = { total: z.number().int(), page: z.number().int(), pages: z.number().int() };
export const errorBody = z.object({
  error: z.object({ code: z.string().describe("kind:subject, e.g. not_found:schedule"), message: z.string(), details: z.unknown().optional() }),
});
export const warning = z.object({ type: z.enum(["platform", "conflict", "time"]), code: z.string().optional(), message: z.string() }).passthrough();
export const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
export const paged = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), ...page });

/** A time as the API writes it: ISO 8601 in UTC, or null. */
export function iso(d: Date): string;
export function iso(d: Date | null | undefined): string | null;
export function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}

/** A JSON object column as the API writes it: the object, or {} when there is none. */
export function record(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

import type { PlatformId } from "@/adapters/types";
import { isPlatformId } from "@/adapters/registry";
import { contentCreateSchema, type ContentCreateInput } from "../validation/content";

/** Columns of the CSV import; README documents each one. */
export const IMPORT_COLUMNS = {
  required: ["title", "content"],
  known: ["title", "content", "summary", "content_type", "platforms", "accounts", "date", "time", "timezone", "tags"],
};

export interface RowError {
  field: string | null;
  message: string;
}

export interface ParsedRow {
  content: ContentCreateInput;
  platforms: PlatformId[];
  accountRefs: string[];
  /** "YYYY-MM-DDTHH:mm" wall time, when the row is to be scheduled. */
  local: string | null;
  timezone: string | null;
}

const list = (v: string | undefined) => (v ?? "").split(/[;|]/).map((s) => s.trim()).filter(Boolean);

/** One CSV row checked on its own (no database): every problem is listed, with its column. */
export function parseImportRow(values: Record<string, string>): { ok: true; row: ParsedRow } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const parsed = contentCreateSchema.safeParse({
    title: values.title ?? "",
    content: values.content ?? "",
    ...(values.summary ? { summary: values.summary } : {}),
    ...(values.content_type ? { content_type: values.content_type.trim().toLowerCase() } : {}),
    tags: list(values.tags),
    source_type: "csv",
  });
  if (!parsed.success) for (const i of parsed.error.issues) errors.push({ field: String(i.path[0] ?? "") || null, message: i.message });

  const platforms = list(values.platforms).map((p) => p.toLowerCase());
  const unknown = platforms.filter((p) => !isPlatformId(p));
  if (unknown.length) errors.push({ field: "platforms", message: `unknown platform ${unknown.join(", ")}` });

  const date = values.date?.trim() ?? "";
  const time = values.time?.trim() || (date ? "09:00" : "");
  if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.push({ field: "date", message: `"${date}" is not a date (YYYY-MM-DD)` });
  if (time && !/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) errors.push({ field: "time", message: `"${time}" is not a time (HH:mm)` });
  if (!date && values.time?.trim()) errors.push({ field: "date", message: "a time needs a date" });
  const accountRefs = list(values.accounts);
  if (date && !platforms.length && !accountRefs.length) errors.push({ field: "platforms", message: "a dated row needs platforms or accounts to publish to" });

  if (errors.length || !parsed.success) return { ok: false, errors };
  return {
    ok: true,
    row: {
      content: parsed.data,
      platforms: platforms as PlatformId[],
      accountRefs,
      local: date ? `${date}T${time.padStart(5, "0")}` : null,
      timezone: values.timezone?.trim() || null,
    },
  };
}

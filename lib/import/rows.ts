import type { PlatformId } from "@/adapters/types";
import { PUBLISH_STATUSES } from "@/db/schema/values";
import { isPlatformId } from "@/adapters/registry";
import { contentCreateSchema, CONTENT_STATUSES, variantSchema, type ContentCreateInput, type VariantInput } from "../validation/content";
import { isValidTimeZone } from "../time/zone";

/**
 * Columns of the CSV import; README documents each one. The content export writes a superset of
 * them, so an exported file imports again as it is.
 */
export const IMPORT_COLUMNS = {
  required: ["title", "content"],
  known: [
    "title",
    "content",
    "summary",
    "content_type",
    "platforms",
    "accounts",
    "date",
    "time",
    "timezone",
    "tags",
    "variants",
    // Written by the content export and read back: one post's rows, its state and its schedules' state.
    "content_item_id",
    "status",
    "schedule_status",
    // Written by the content export for people to read; the import ignores them.
    "published_at",
    "created_at",
    "scheduled_for",
  ],
};

/** States of a schedule in an export that mean it is still to be published. */
const OPEN_SCHEDULE = ["pending", "paused"] as const;
const SCHEDULE_STATUSES = PUBLISH_STATUSES;

export interface RowError {
  field: string | null;
  message: string;
}

export interface ParsedRow {
  content: ContentCreateInput;
  variants: [PlatformId, VariantInput][];
  platforms: PlatformId[];
  accountRefs: string[];
  /** "YYYY-MM-DDTHH:mm" wall time, when the row is to be scheduled. */
  local: string | null;
  timezone: string | null;
  /** The post's key in the file (`content_item_id`): rows with the same key are one post. */
  key: string | null;
  status: (typeof CONTENT_STATUSES)[number] | null;
  scheduleStatus: (typeof SCHEDULE_STATUSES)[number] | null;
}

const list = (v: string | undefined) =>
  (v ?? "")
    .split(/[;|]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The `variants` cell: JSON `{ "<platform>": { "text"?, "parts"?, "options"? } }`, every problem listed. */
function parseVariants(cell: string | undefined, errors: RowError[]): [PlatformId, VariantInput][] {
  const text = cell?.trim();
  if (!text) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    errors.push({ field: "variants", message: 'is not JSON: write {"<platform>": {"text": "…"}} or leave it empty' });
    return [];
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    errors.push({ field: "variants", message: 'must be a JSON object: {"<platform>": {"text": "…"}}' });
    return [];
  }
  const out: [PlatformId, VariantInput][] = [];
  for (const [platform, v] of Object.entries(value)) {
    if (!isPlatformId(platform)) {
      errors.push({ field: "variants", message: `unknown platform ${platform}` });
      continue;
    }
    if (v && typeof v === "object" && "media_ids" in v) {
      errors.push({ field: "variants", message: `${platform}: media cannot be imported; attach them in the composer` });
      continue;
    }
    const parsed = variantSchema.safeParse(v);
    if (parsed.success) out.push([platform, parsed.data]);
    else
      for (const i of parsed.error.issues)
        errors.push({ field: "variants", message: `${platform}${i.path.length ? `.${i.path.join(".")}` : ""}: ${i.message}` });
  }
  return out;
}

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
  const variants = parseVariants(values.variants, errors);

  const platforms = list(values.platforms).map((p) => p.toLowerCase());
  const unknown = platforms.filter((p) => !isPlatformId(p));
  if (unknown.length) errors.push({ field: "platforms", message: `unknown platform ${unknown.join(", ")}` });

  const date = values.date?.trim() ?? "";
  const time = values.time?.trim() || (date ? "09:00" : "");
  if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.push({ field: "date", message: `"${date}" is not a date (YYYY-MM-DD)` });
  if (time && !/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) errors.push({ field: "time", message: `"${time}" is not a time (HH:mm)` });
  if (!date && values.time?.trim()) errors.push({ field: "date", message: "a time needs a date" });
  const timezone = values.timezone?.trim() || null;
  if (timezone && !isValidTimeZone(timezone))
    errors.push({ field: "timezone", message: `"${timezone}" is not a known IANA time zone (for example "Europe/Berlin" or "UTC")` });
  const accountRefs = list(values.accounts);
  if (date && !platforms.length && !accountRefs.length) errors.push({ field: "platforms", message: "a dated row needs platforms or accounts to publish to" });

  const status = values.status?.trim().toLowerCase() || null;
  if (status && !(CONTENT_STATUSES as readonly string[]).includes(status))
    errors.push({ field: "status", message: `must be one of ${CONTENT_STATUSES.join(", ")}` });
  const scheduleStatus = values.schedule_status?.trim().toLowerCase() || null;
  if (scheduleStatus && !(SCHEDULE_STATUSES as readonly string[]).includes(scheduleStatus))
    errors.push({ field: "schedule_status", message: `must be one of ${SCHEDULE_STATUSES.join(", ")}` });

  if (errors.length || !parsed.success) return { ok: false, errors };
  return {
    ok: true,
    row: {
      content: parsed.data,
      variants,
      platforms: platforms as PlatformId[],
      accountRefs,
      local: date ? `${date}T${time.padStart(5, "0")}` : null,
      timezone,
      key: values.content_item_id?.trim() || null,
      status: status as ParsedRow["status"],
      scheduleStatus: scheduleStatus as ParsedRow["scheduleStatus"],
    },
  };
}

/** Whether an exported schedule in this state is one to create again (a hand-written row has no state: yes). */
export function isOpenSchedule(status: ParsedRow["scheduleStatus"]): boolean {
  return status === null || (OPEN_SCHEDULE as readonly string[]).includes(status);
}

/** The cells that make a post what it is: rows of one post must agree on them. */
export const POST_FIELDS = ["title", "content", "summary", "content_type", "tags", "variants"] as const;

import { contentListQuery, type ContentListQuery } from "@/lib/validation/content";

/** The content list's URL state: the API's list query, read one field at a time. */
export type ListParams = Partial<Record<"q" | "status" | "platform" | "tags" | "date_from" | "date_to" | "sort" | "page", string>>;

const KEYS = ["q", "status", "platform", "tags", "date_from", "date_to", "sort", "page"] as const;
const shape = contentListQuery.shape;

/**
 * Reads the page's search params with the API's own schema, field by field: an unreadable filter
 * is named and dropped instead of failing the whole screen.
 */
export function readListQuery(sp: Record<string, string | string[] | undefined>): { query: ContentListQuery; params: ListParams; ignored: string[] } {
  const params: ListParams = {};
  const ignored: string[] = [];
  const raw: Record<string, unknown> = {};
  for (const key of KEYS) {
    const v = sp[key];
    const value = (Array.isArray(v) ? v[0] : v)?.trim();
    if (!value) continue;
    const parsed = shape[key].safeParse(value);
    if (parsed.success) {
      raw[key] = value;
      params[key] = value;
    } else ignored.push(key);
  }
  return { query: contentListQuery.parse(raw), params, ignored };
}

/** A URL of the list with some params changed (undefined removes one); filters reset the page. */
export function listHref(params: ListParams, changes: ListParams): string {
  const next: ListParams = { ...params, ...changes };
  if (!("page" in changes)) delete next.page;
  const search = new URLSearchParams();
  for (const key of KEYS) {
    const v = next[key];
    if (v !== undefined && v !== "" && !(key === "page" && v === "1")) search.set(key, v);
  }
  const s = search.toString();
  return s ? `/content?${s}` : "/content";
}

export const SORTS = [
  { value: "-created_at", label: "Newest first" },
  { value: "created_at", label: "Oldest first" },
  { value: "scheduled_for", label: "Scheduled, soonest first" },
  { value: "-scheduled_for", label: "Scheduled, latest first" },
  { value: "title", label: "Title, A to Z" },
  { value: "-title", label: "Title, Z to A" },
  { value: "-updated_at", label: "Recently edited" },
] as const;

/** Filters only (no page, no sort): what the export and "is anything filtered" care about. */
export function filtersOf(params: ListParams) {
  const { q, status, platform, tags, date_from, date_to } = params;
  return Object.fromEntries(Object.entries({ q, status, platform, tags, date_from, date_to }).filter(([, v]) => v !== undefined)) as Omit<
    ListParams,
    "page" | "sort"
  >;
}

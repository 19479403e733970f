import type { Db } from "@/db/client";
import { exportDetailsOf } from "@/db/queries/export";
import type { CsvColumn } from "./write";

/**
 * The columns of a content export: the API's and the content list's are the same file, and the
 * CSV import reads it back as it is (README, "CSV both ways"). One row per post and time: a post
 * with schedules at two times (or zones) has two rows with the same `content_item_id`, which the
 * import joins into one post again.
 */
export const CONTENT_EXPORT_COLUMNS: CsvColumn[] = [
  { key: "id", header: "content_item_id" },
  { key: "title", header: "title" },
  { key: "content", header: "content" },
  { key: "summary", header: "summary" },
  { key: "contentType", header: "content_type" },
  { key: "status", header: "status" },
  { key: "tags", header: "tags" },
  { key: "variants", header: "variants" },
  { key: "accounts", header: "accounts" },
  { key: "date", header: "date" },
  { key: "time", header: "time" },
  { key: "timezone", header: "timezone" },
  { key: "scheduleStatus", header: "schedule_status" },
  { key: "publishedAt", header: "published_at" },
  { key: "createdAt", header: "created_at" },
];

export interface ExportItem {
  id: string;
  title: string;
  content: string;
  summary: string | null;
  contentType: string;
  status: string;
  tags: string[];
  publishedAt: Date | null;
  createdAt: Date;
}
type Details = Awaited<ReturnType<typeof exportDetailsOf>>;

/** `{ platform: { text?, parts?, options? } }` as JSON, or "" without variants. Media stay behind: their ids mean nothing elsewhere. */
export function variantsCell(variants: Details["variants"]): string {
  const out: Record<string, Record<string, unknown>> = {};
  for (const v of variants) {
    const entry: Record<string, unknown> = {};
    if (v.text != null) entry.text = v.text;
    if (Array.isArray(v.parts)) entry.parts = v.parts;
    if (v.options && typeof v.options === "object" && Object.keys(v.options).length) entry.options = v.options;
    if (Object.keys(entry).length) out[v.platform] = entry;
  }
  return Object.keys(out).length ? JSON.stringify(out) : "";
}

/** The export rows of some items, in their order: one per item and (local time, zone, status) of its schedules. */
export function contentExportRows(items: ExportItem[], details: Details): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const item of items) {
    const base = { ...item, tags: item.tags.join(";"), variants: variantsCell(details.variants.filter((v) => v.contentItemId === item.id)) };
    const groups = new Map<string, { local: string; timezone: string; status: string; accounts: string[] }>();
    for (const s of details.schedules.filter((x) => x.contentItemId === item.id)) {
      const key = `${s.localTime}\u0000${s.timezone}\u0000${s.status}`;
      const g = groups.get(key) ?? { local: s.localTime, timezone: s.timezone, status: s.status, accounts: [] };
      g.accounts.push(`${s.platform}:${s.account}`);
      groups.set(key, g);
    }
    if (!groups.size) rows.push(base);
    for (const g of groups.values()) {
      const [date, time] = g.local.split("T");
      rows.push({ ...base, accounts: [...new Set(g.accounts)].join(";"), date, time: time?.slice(0, 5), timezone: g.timezone, scheduleStatus: g.status });
    }
  }
  return rows;
}

/** Export rows of items read page by page (the API) or all at once (the content list), 500 items a query. */
export async function* contentExport(
  db: Db,
  workspaceId: string,
  items: AsyncIterable<ExportItem> | Iterable<ExportItem>,
): AsyncGenerator<Record<string, unknown>> {
  let batch: ExportItem[] = [];
  const flush = async () => {
    const rows = contentExportRows(
      batch,
      await exportDetailsOf(
        db,
        workspaceId,
        batch.map((i) => i.id),
      ),
    );
    batch = [];
    return rows;
  };
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= 500) yield* await flush();
  }
  if (batch.length) yield* await flush();
}

import type { CsvColumn } from "./write";

/** The columns of a content export: the API's and the content list's are the same file. */
export const CONTENT_EXPORT_COLUMNS: CsvColumn[] = [
  { key: "id", header: "content_item_id" },
  { key: "title", header: "title" },
  { key: "content", header: "content" },
  { key: "contentType", header: "content_type" },
  { key: "status", header: "status" },
  { key: "tags", header: "tags" },
  { key: "scheduledFor", header: "scheduled_for" },
  { key: "publishedAt", header: "published_at" },
  { key: "createdAt", header: "created_at" },
];

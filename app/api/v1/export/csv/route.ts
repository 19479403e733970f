import { apiRoute } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { exportRowsOf } from "@/lib/import/export";
import { csvChunks, type CsvColumn } from "@/lib/csv";
import { CONTENT_EXPORT_COLUMNS } from "@/lib/csv/content-columns";
import { AppError } from "@/lib/errors";
import { rangeEnd } from "@/lib/validation/common";
import { otherMethods } from "../../_lib/methods";

const SCHEDULE_COLUMNS: CsvColumn[] = [
  { key: "id", header: "schedule_id" },
  { key: "contentItemId", header: "content_item_id" },
  { key: "title", header: "title" },
  { key: "platform", header: "platform" },
  { key: "account", header: "account" },
  { key: "scheduledTime", header: "scheduled_time_utc" },
  { key: "localTime", header: "local_time" },
  { key: "timezone", header: "timezone" },
  { key: "status", header: "status" },
  { key: "retryCount", header: "retry_count" },
  { key: "postUrl", header: "post_url" },
  { key: "error", header: "error" },
];

/** GET /api/v1/export/csv?type=schedules|content&date_from&date_to — streamed, spreadsheet-safe CSV. */
export const GET = apiRoute(operation("get /export/csv"), async ({ db, actor, query }) => {
  const from = query.date_from ? new Date(query.date_from) : undefined;
  const to = query.date_to ? rangeEnd(query.date_to) : undefined;
  if (from && to && from > to) throw new AppError("bad_request:validation", "date_from must not be after date_to");
  // Content: the file the CSV import reads back (README, "CSV both ways"), one row per post and time.
  const source = exportRowsOf(db, actor, query.type, from, to);
  const columns = query.type === "content" ? CONTENT_EXPORT_COLUMNS : SCHEDULE_COLUMNS;
  const encoder = new TextEncoder();
  let header = true;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (header) {
        header = false;
        // A byte-order mark, so spreadsheet software reads the file as UTF-8.
        controller.enqueue(encoder.encode("\uFEFF" + csvChunks([], columns).next().value));
        return;
      }
      const next = await source.next();
      if (next.done) return controller.close();
      const chunks = csvChunks([next.value], columns);
      chunks.next(); // header, already sent
      controller.enqueue(encoder.encode(chunks.next().value as string));
    },
  });
  const name = `${query.type}-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(stream, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

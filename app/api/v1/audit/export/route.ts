import { apiRoute } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { auditCsv, auditFilterOf } from "@/lib/audit";
import { otherMethods } from "../../_lib/methods";

/** The filtered audit log as streamed, spreadsheet-safe CSV (admins only). */
export const GET = apiRoute(operation("get /audit/export"), async ({ db, actor, query }) => {
  auditFilterOf(query); // a bad filter answers 400 before the download starts
  const chunks = auditCsv(db, actor, query);
  // The header and the first batch are read before answering: a query that fails answers with an
  // error status and body, not a 200 whose download breaks off (found by the fuzz suite).
  const ahead = [await chunks.next(), await chunks.next()];
  const encoder = new TextEncoder();
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = ahead.shift() ?? (await chunks.next());
      if (next.done) return controller.close();
      // A byte-order mark, so spreadsheet software reads the file as UTF-8.
      controller.enqueue(encoder.encode((first ? "\uFEFF" : "") + next.value));
      first = false;
    },
  });
  const name = `audit-log-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(stream, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

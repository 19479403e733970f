import { NextResponse } from "next/server";
import { apiRoute } from "../../_lib/handler";
import { importCsv } from "@/lib/import/csv";
import { AppError, toErrorResponse } from "@/lib/errors";
import { importQuery } from "@/lib/validation/import";

const MAX_BYTES = 20 * 1024 * 1024;

/** The request body as a byte stream, refused past the size cap. */
async function* limited(body: ReadableStream<Uint8Array>) {
  let seen = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    seen += chunk.byteLength;
    if (seen > MAX_BYTES) throw new AppError("bad_request:too_large", `the CSV file is larger than ${MAX_BYTES / 1024 / 1024} MB; split it`);
    yield chunk;
  }
}

/**
 * POST /api/v1/import/csv — body: the CSV file (text/csv). With `Accept: application/x-ndjson`
 * the answer streams `{"type":"progress","rows":n}` lines and ends with `{"type":"result",…}`.
 */
export const POST = apiRoute({ permission: "content:write", query: importQuery }, async ({ req, db, actor, query }) => {
  if (!/^(text\/csv|application\/octet-stream|text\/plain)\b/i.test(req.headers.get("content-type") ?? "")) {
    throw new AppError("bad_request:content_type", "send the CSV file as the request body with Content-Type: text/csv");
  }
  if (!req.body) throw new AppError("bad_request:csv", "the request has no CSV body");
  const opts = { dryRun: query.dry_run, mode: query.mode };
  if (!/application\/x-ndjson/.test(req.headers.get("accept") ?? "")) return importCsv(db, actor, limited(req.body), opts);

  const encoder = new TextEncoder();
  const body = req.body;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const line = (v: unknown) => controller.enqueue(encoder.encode(JSON.stringify(v) + "\n"));
      try {
        let last = 0;
        const result = await importCsv(db, actor, limited(body), { ...opts, onProgress: (rows) => (rows - last >= 100 ? ((last = rows), line({ type: "progress", rows })) : undefined) });
        line({ type: "result", ...result });
      } catch (err) {
        line({ type: "error", ...toErrorResponse(err).body });
      }
      controller.close();
    },
  });
  return new NextResponse(stream, { headers: { "content-type": "application/x-ndjson" } });
});

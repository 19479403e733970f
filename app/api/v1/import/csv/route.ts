import { NextResponse } from "next/server";
import { apiRoute } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { readLimited } from "../../_lib/body";
import { importCsv } from "@/lib/import/csv";
import { AppError, toErrorResponse } from "@/lib/errors";
import { otherMethods } from "../../_lib/methods";

const MAX_BYTES = 20 * 1024 * 1024;

/**
 * The whole file, read before any transaction opens (a slow upload must not hold the database),
 * refused with 413 past the size cap (by Content-Length before reading) and unless it is UTF-8.
 */
async function readFile(req: Request): Promise<string> {
  const bytes = await readLimited(req, MAX_BYTES, "the CSV file (split it)");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request:csv", "the file is not UTF-8 text; save it as CSV UTF-8");
  }
}

/**
 * POST /api/v1/import/csv — body: the CSV file (text/csv). With `Accept: application/x-ndjson`
 * the answer streams `{"type":"progress","rows":n}` lines and ends with `{"type":"result",…}`.
 */
export const POST = apiRoute(operation("post /import/csv"), async ({ req, db, actor, query }) => {
  if (!/^(text\/csv|application\/octet-stream|text\/plain)\b/i.test(req.headers.get("content-type") ?? "")) {
    throw new AppError("bad_request:content_type", "send the CSV file as the request body with Content-Type: text/csv");
  }
  if (!req.body) throw new AppError("bad_request:csv", "the request has no CSV body");
  const opts = { dryRun: query.dry_run, mode: query.mode, duplicates: query.duplicates };
  const text = await readFile(req);
  if (!/application\/x-ndjson/.test(req.headers.get("accept") ?? "")) {
    const result = await importCsv(db, actor, text, opts);
    // A real run that kept nothing failed: say so with the status too, the report in the details.
    if (!result.dry_run && !result.committed)
      throw new AppError("bad_request:import", `${result.error_rows} of ${result.total_rows} rows have errors; nothing was imported`, result);
    return result;
  }

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const line = (v: unknown) => controller.enqueue(encoder.encode(JSON.stringify(v) + "\n"));
      try {
        let last = 0;
        const result = await importCsv(db, actor, text, {
          ...opts,
          onProgress: (rows) => (rows - last >= 100 ? ((last = rows), line({ type: "progress", rows })) : undefined),
        });
        line({ type: "result", ...result });
      } catch (err) {
        line({ type: "error", ...toErrorResponse(err).body });
      }
      controller.close();
    },
  });
  return new NextResponse(stream, { headers: { "content-type": "application/x-ndjson" } });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);

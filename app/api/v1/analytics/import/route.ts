import { NextResponse } from "next/server";
import { apiRoute } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { readLimited } from "../../_lib/body";
import { importHistory, MAX_HISTORY_BYTES } from "@/lib/analytics/history-import";
import { AppError, toErrorResponse } from "@/lib/errors";
import { otherMethods } from "../../_lib/methods";

/** The whole file, read before any transaction opens; 413 past the cap, 400 unless it is UTF-8. */
async function readFile(req: Request): Promise<string> {
  const bytes = await readLimited(req, MAX_HISTORY_BYTES, "the history file (split it)");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request:csv", "the file is not UTF-8 text; save it as CSV UTF-8");
  }
}

/**
 * POST /api/v1/analytics/import — body: the history CSV (text/csv); lib/analytics/history-import.ts.
 * With `Accept: application/x-ndjson` the answer streams progress lines and ends with the result.
 */
export const POST = apiRoute(operation("post /analytics/import"), async ({ req, db, actor, query }) => {
  if (!/^(text\/csv|application\/octet-stream|text\/plain)\b/i.test(req.headers.get("content-type") ?? "")) {
    throw new AppError("bad_request:content_type", "send the CSV file as the request body with Content-Type: text/csv");
  }
  const text = req.body ? await readFile(req) : "";
  const opts = { dryRun: query.dry_run };
  if (!/application\/x-ndjson/.test(req.headers.get("accept") ?? "")) return importHistory(db, actor, text, opts);

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const line = (v: unknown) => controller.enqueue(encoder.encode(JSON.stringify(v) + "\n"));
      try {
        const result = await importHistory(db, actor, text, { ...opts, onProgress: (p) => line({ type: "progress", ...p }) });
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

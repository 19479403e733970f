import { NextResponse } from "next/server";
import { AppError, toErrorResponse } from "@/lib/errors";
import { readLimited } from "./body";

/** True when the client asked for the streamed answer (`Accept: application/x-ndjson`). */
export const wantsNdjson = (req: Request) => /application\/x-ndjson/.test(req.headers.get("accept") ?? "");

/**
 * A long operation's answer as NDJSON: `run` sends `{"type":"progress",…}` lines through `line`,
 * and its result ends the stream as `{"type":"result",…}` (an error as `{"type":"error",…}`). A
 * client that leaves stops the lines, not the work: it goes on to its end (or rollback).
 */
export function ndjsonResponse(run: (line: (v: unknown) => void) => Promise<object>, status = 200): NextResponse {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const line = (v: unknown) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(JSON.stringify(v) + "\n"));
        } catch {
          open = false;
        }
      };
      try {
        line({ type: "result", ...(await run((p) => line({ type: "progress", ...(p as object) }))) });
      } catch (err) {
        line({ type: "error", ...toErrorResponse(err).body });
      }
      if (open) controller.close();
    },
  });
  return new NextResponse(stream, { status, headers: { "content-type": "application/x-ndjson" } });
}

/**
 * A CSV file sent as the request body: refused unless sent as CSV (or plain text / bytes), read
 * whole before any transaction opens (a slow upload must not hold the database), 413 past `max`
 * bytes (by Content-Length before reading), 400 unless it is UTF-8. No body reads as "".
 */
export async function readCsvBody(req: Request, max: number, what: string): Promise<string> {
  if (!/^(text\/csv|application\/octet-stream|text\/plain)\b/i.test(req.headers.get("content-type") ?? "")) {
    throw new AppError("bad_request:content_type", "send the CSV file as the request body with Content-Type: text/csv");
  }
  if (!req.body) return "";
  const bytes = await readLimited(req, max, what);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request:csv", "the file is not UTF-8 text; save it as CSV UTF-8");
  }
}

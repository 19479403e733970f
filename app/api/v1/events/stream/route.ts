import { apiRoute } from "../../_lib/handler";
import { AppError } from "@/lib/errors";
import { eventStream } from "@/lib/publishing/stream";
import { otherMethods } from "../../_lib/methods";

export const dynamic = "force-dynamic";

/**
 * Server-sent events of the workspace: publishing_started / _completed / _failed and more.
 * Reconnects send Last-Event-ID (browsers do it for you) and get what they missed first.
 */
export const GET = apiRoute({ permission: "schedules:read" }, async ({ req, actor }) => {
  const raw = req.headers.get("last-event-id") ?? req.nextUrl.searchParams.get("last_event_id");
  let last: number | null = null;
  if (raw !== null && raw !== "") {
    if (!/^\d{1,15}$/.test(raw)) throw new AppError("bad_request:last_event_id", "Last-Event-ID must be the numeric id of an event this stream sent.");
    last = Number(raw);
  }
  return new Response(eventStream(actor.workspaceId, last, req.signal), {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

import { apiRoute } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { AppError } from "@/lib/errors";
import { getToken } from "next-auth/jwt";
import { getConfig } from "@/lib/config";
import { eventStream, streamTiming, type StreamGuard } from "@/lib/events/stream";
import { sessionMayContinue, sessionVersionOf } from "@/lib/auth/session-check";
import { otherMethods } from "../../_lib/methods";

export const dynamic = "force-dynamic";

/**
 * Server-sent events of the workspace: publishing_started / _completed / _failed and more.
 * Reconnects send Last-Event-ID (browsers do it for you) and get what they missed first.
 *
 * On a browser session the stream is checked again every so often (session version, two-factor
 * requirement, membership) and ends when the session no longer holds: it would otherwise outlive
 * a password reset or a removal. Streams opened with an API token carry no such check.
 */
export const GET = apiRoute(operation("get /events/stream"), async ({ req, db, actor }) => {
  const raw = req.headers.get("last-event-id") ?? req.nextUrl.searchParams.get("last_event_id");
  let last: number | null = null;
  if (raw !== null && raw !== "") {
    if (!/^\d{1,15}$/.test(raw)) throw new AppError("bad_request:last_event_id", "Last-Event-ID must be the numeric id of an event this stream sent.");
    last = Number(raw);
  }
  let guard: StreamGuard | undefined;
  if (!actor.tokenId && actor.userId) {
    // apiRoute already checked this cookie; read it again only for the version it carries.
    const version = sessionVersionOf(await getToken({ req, secret: getConfig().nextauthSecret }));
    const { userId, workspaceId } = actor;
    guard = { everyMs: streamTiming.sessionCheckMs, mayContinue: () => sessionMayContinue(db, userId, version, workspaceId) };
  }
  return new Response(eventStream(actor.workspaceId, last, req.signal, guard), {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

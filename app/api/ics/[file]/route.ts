import { NextResponse } from "next/server";
import { bodiless, otherMethods } from "@/app/api/v1/_lib/methods";
import { getDb } from "@/lib/database";
import { feedEvents } from "@/lib/calendar/feed";
import { calendarChunks } from "@/lib/ics";
import { getConfig } from "@/lib/config";

export const dynamic = "force-dynamic";

/**
 * GET /api/ics/{secret}.ics — the workspace's schedules for calendar apps. The secret is the only
 * credential (calendar apps cannot send headers), so an unknown one is a plain 404.
 */
async function get(_req: Request, ctx: { params: Promise<{ file: string }> }) {
  const { file } = await ctx.params;
  const token = file.endsWith(".ics") ? file.slice(0, -4) : "";
  const feed = /^ics_[A-Za-z0-9_-]{20,}$/.test(token) ? await feedEvents(await getDb(), token, getConfig().nextauthUrl) : null;
  if (!feed) return NextResponse.json({ error: { code: "not_found:calendar_feed", message: "calendar feed not found" } }, { status: 404 });
  const chunks = calendarChunks({ name: feed.name, events: feed.events });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": 'inline; filename="schedule.ics"',
      "cache-control": "private, max-age=300",
    },
  });
}

// Other methods: 405 with the JSON error body and an Allow header, like every API path.
export const GET = bodiless(get);
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

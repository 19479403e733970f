import { NextResponse, type NextRequest } from "next/server";
import { bodiless, otherMethods } from "@/app/api/v1/_lib/methods";
import { getDb } from "@/lib/database";
import { getConfig } from "@/lib/config";
import { safeEqual } from "@/lib/crypto";
import { renderMetrics } from "@/lib/monitoring/prometheus";

export const dynamic = "force-dynamic";

/**
 * Prometheus scrape endpoint for the whole instance. Protected by METRICS_TOKEN (Bearer); off
 * until one is set, since workspace API tokens must not see other workspaces' numbers. Off is a
 * 404, not a 5xx: nothing is wrong with the server, the endpoint is simply not there.
 */
async function get(req: NextRequest) {
  const token = getConfig().metricsToken;
  // Off is not an outage: a 503 would page whoever watches for them. Off means not here.
  if (!token) {
    return NextResponse.json(
      { error: { code: "not_found:metrics", message: "Metrics are off: set METRICS_TOKEN and scrape with Authorization: Bearer <token>." } },
      { status: 404 },
    );
  }
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.get("authorization") ?? "");
  if (!m || !safeEqual(m[1]!, token)) {
    return NextResponse.json(
      { error: { code: "unauthorized", message: "Send Authorization: Bearer <METRICS_TOKEN>." } },
      { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"' } },
    );
  }
  const body = await renderMetrics(await getDb());
  return new NextResponse(body, { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" } });
}

// Other methods: 405 with the JSON error body and an Allow header, like every API path.
export const GET = bodiless(get);
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

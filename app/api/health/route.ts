import { NextResponse } from "next/server";
import { bodiless, otherMethods } from "@/app/api/v1/_lib/methods";
import { getDatabase } from "@/lib/database";
import { getConfig } from "@/lib/config";
import { checkHealth, publicHealth } from "@/lib/health";
import { processRunnerStatus } from "@/jobs/runner/process";

export const dynamic = "force-dynamic";

async function get() {
  const health = await checkHealth(getDatabase, getConfig().dbDriver, processRunnerStatus());
  return NextResponse.json(publicHealth(health), { status: health.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}

// Other methods: 405 with the JSON error body and an Allow header, like every API path.
export const GET = bodiless(get);
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

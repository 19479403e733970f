import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/openapi/document";
import { getConfig } from "@/lib/config";
import { bodiless, otherMethods } from "../_lib/methods";

/** GET /api/v1/openapi.json — public, so API clients and docs tools can read it. */
async function get() {
  return NextResponse.json(openApiDocument(getConfig().nextauthUrl), { headers: { "cache-control": "public, max-age=300" } });
}

export const GET = bodiless(get);
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

import { NextResponse, type NextRequest } from "next/server";
import { otherMethods } from "@/app/api/v1/_lib/methods";
import { errorResponse, parseBody } from "@/app/api/v1/_lib/handler";
import { drain, readLimitedText } from "@/app/api/v1/_lib/body";
import { getDb } from "@/lib/database";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { decideOnLink, limitReviewRequest } from "@/lib/review-links/public";
import { reviewDecisionSchema } from "@/lib/validation/review-links";
import { reviewDecisionOut } from "@/lib/operations/shapes";
import { auditIp, operation, reviewAddress } from "../../_lib";

export const dynamic = "force-dynamic";

/** POST /api/review/{token}/decisions: one decision on one post of the link, by a named reviewer. */
async function post(req: NextRequest, ctx: { params: Promise<{ token: string }> }) {
  try {
    const { token } = await ctx.params;
    const db = await getDb();
    await limitReviewRequest(db, token, reviewAddress(req));
    // JSON only: a cross-site form cannot send it without a preflight this app never grants.
    if (!/^application\/json/i.test(req.headers.get("content-type") ?? "")) throw new AppError("bad_request:content_type", "send the body as application/json");
    const body = parseBody(await readLimitedText(req, getConfig().maxJsonBodyBytes), reviewDecisionSchema);
    const row = await decideOnLink(db, token, body, auditIp(req));
    return NextResponse.json(reviewDecisionOut(row), { status: 201, headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (req.body && !req.body.locked) await drain(req.body);
    return errorResponse(err);
  }
}

/** Carries its declared operation, so tests check its answers against the document. */
export const POST = Object.assign(post, { operation: operation("/api/review/{token}/decisions", "post") });

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);

import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { bodiless, otherMethods } from "@/app/api/v1/_lib/methods";
import { errorResponse } from "@/app/api/v1/_lib/handler";
import { getDb } from "@/lib/database";
import { limitReviewRequest, reviewView } from "@/lib/review-links/public";
import { reviewDecisionOut } from "@/lib/operations/shapes";
import { operation, reviewAddress } from "../_lib";

export const dynamic = "force-dynamic";

/** GET /api/review/{token}: the link's posts as JSON, for the reviewer (the token is the credential). */
async function get(req: NextRequest, ctx: { params: Promise<{ token: string }> }) {
  try {
    const { token } = await ctx.params;
    const db = await getDb();
    await limitReviewRequest(db, token, reviewAddress(req));
    const view = await reviewView(db, token);
    return NextResponse.json(
      {
        workspace_name: view.workspaceName,
        label: view.link.label,
        note: view.link.note,
        expires_at: view.link.expiresAt.toISOString(),
        items: view.items.map((r) => ({
          id: r.item.id,
          title: r.item.title,
          content: r.item.content,
          version: r.item.version,
          changed_since_shared: r.changedSinceShared,
          approval_state: r.approvalState,
          schedules: r.times.map((t) => ({ scheduled_time: t.scheduledTime.toISOString(), platform: t.platformId, account_name: t.accountName })),
          decision: r.decision ? reviewDecisionOut(r.decision) : null,
          can_decide: r.canDecide,
        })),
      },
      { headers: { "cache-control": "no-store", "referrer-policy": "no-referrer" } },
    );
  } catch (err) {
    return errorResponse(err);
  }
}

/** Carries its declared operation, so tests check its answers against the document. */
export const GET = Object.assign(bodiless(get), { operation: operation("/api/review/{token}", "get") });
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);

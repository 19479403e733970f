import type { Metadata } from "next";
import { headers } from "next/headers";
import { getDb } from "@/lib/database";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { PEER_ADDRESS_HEADER } from "@/lib/http/peer";
import { rateLimitAddress } from "@/lib/rate-limit";
import { guestPreviews, limitReviewRequest, reviewView } from "@/lib/review-links/public";
import { ReviewPage, type PublicItem } from "@/components/review-links/ReviewPage";

export const dynamic = "force-dynamic";
// The token is the credential: keep it out of other sites' logs and out of search engines.
export const metadata: Metadata = { title: "Review", robots: { index: false, follow: false }, referrer: "no-referrer" };

function Message({ title, body }: { title: string; body: string }) {
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400" data-testid="review-message">
        {body}
      </p>
    </main>
  );
}

/** The public review page of a review link: no account, the token in the address is the permission. */
export default async function PublicReviewPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const h = await headers();
  const db = await getDb();
  let view;
  try {
    await limitReviewRequest(db, token, rateLimitAddress(h.get("x-forwarded-for"), h.get(PEER_ADDRESS_HEADER), getConfig().trustProxyHops));
    view = await reviewView(db, token);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.kind === "gone") return <Message title="This review link no longer works" body={err.message} />;
    if (err.kind === "rate_limited") return <Message title="Too many requests" body="Please wait a minute and reload the page." />;
    return <Message title="Review link not found" body={err.message} />;
  }
  const items: PublicItem[] = await Promise.all(
    view.items.map(async (r) => ({
      id: r.item.id,
      title: r.item.title,
      version: r.item.version,
      changedSinceShared: r.changedSinceShared,
      state: r.approvalState,
      status: r.item.status,
      canDecide: r.canDecide,
      times: r.times.map((t) => ({ at: t.scheduledTime.toISOString(), platform: t.platformId, account: t.accountName })),
      decision: r.decision ? { reviewer: r.decision.reviewerName, decision: r.decision.decision, comment: r.decision.comment } : null,
      previews: await guestPreviews(db, r.item),
    })),
  );
  return (
    <ReviewPage
      token={token}
      workspaceName={view.workspaceName}
      label={view.link.label}
      note={view.link.note}
      expiresAt={view.link.expiresAt.toISOString()}
      items={items}
    />
  );
}

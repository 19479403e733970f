import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { formatFor, personFormat } from "@/app/_server/format";
import { can } from "@/lib/auth/permissions";
import { appKeyring } from "@/lib/crypto/keyring";
import { getConfig } from "@/lib/config";
import { reviewLinksOverview } from "@/lib/review-links/manage";
import { addDaysLocal, utcToLocal } from "@/lib/time";
import { formatDate } from "@/lib/time/local";
import { ReviewLinks } from "@/components/review-links/ReviewLinks";

export const metadata: Metadata = { title: "Review links" };

export default async function ReviewLinksPage() {
  const { db, actor } = await requireMember();
  const [rows, fmt, person] = await Promise.all([
    reviewLinksOverview(db, appKeyring(), actor, getConfig().publicUrl ?? getConfig().nextauthUrl),
    formatFor(db, actor),
    personFormat(db, actor),
  ]);
  // The range form starts on this week: today and the six days after it, in the person's zone.
  const today = utcToLocal(new Date(), person.timeZone);
  return (
    <ReviewLinks
      canManage={can(actor.role, "content:write")}
      zone={person.timeZone}
      defaultRange={{ start: formatDate(today), end: formatDate(addDaysLocal(today, 6)) }}
      links={rows.map((r) => ({
        id: r.link.id,
        url: r.url,
        status: r.status,
        label: r.link.label,
        scope:
          r.link.kind === "range"
            ? `Posts scheduled ${r.link.startDate} – ${r.link.endDate} (${r.link.timezone})`
            : `${r.link.contentIds?.length ?? 0} chosen post${r.link.contentIds?.length === 1 ? "" : "s"}`,
        expires: fmt.dateTime(r.link.expiresAt, { zone: true }),
        decisions: r.decisions.map((d) => ({
          id: d.id,
          title: d.title,
          contentId: d.contentItemId,
          reviewer: d.reviewerName,
          decision: d.decision,
          outcome: d.outcome,
          comment: d.comment,
          when: fmt.dateTime(d.createdAt),
        })),
      }))}
    />
  );
}

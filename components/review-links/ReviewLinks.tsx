"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createReviewLinkAction, revokeReviewLinkAction } from "@/app/_actions/review-links";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { CopyField } from "@/components/ui/CopyField";
import { FormError } from "@/components/ui/FormError";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";

export interface ReviewLinkView {
  id: string;
  url: string | null;
  status: "active" | "expired" | "revoked";
  label: string | null;
  scope: string;
  expires: string;
  decisions: {
    id: string;
    title: string;
    contentId: string;
    reviewer: string;
    decision: string;
    outcome: string;
    comment: string | null;
    when: string;
  }[];
}

const STATUS: Record<ReviewLinkView["status"], string> = { active: "Active", expired: "Expired", revoked: "Revoked" };
const OUTCOME: Record<string, string> = {
  approved: "approval counted",
  changes_requested: "changes requested",
  comment: "added as a comment",
};
const DAYS = [1, 3, 7, 14, 30, 60, 90];

/** Review links: share a week of posts with a client, see what they decided, revoke. */
export function ReviewLinks({
  links,
  canManage,
  zone,
  defaultRange,
}: {
  links: ReviewLinkView[];
  canManage: boolean;
  zone: string;
  defaultRange: { start: string; end: string };
}) {
  const [start, setStart] = useState(defaultRange.start);
  const [end, setEnd] = useState(defaultRange.end);
  const [label, setLabel] = useState("");
  const [days, setDays] = useState(14);
  const [made, setMade] = useState<string | null>(null);
  const { pending, error, run } = useActionRunner((p) => ({ start_date: "From", end_date: "To", label: "Label" })[p] ?? null);
  const notify = useToast();
  const router = useRouter();
  const ws = useWorkspaceId();

  return (
    <div className="space-y-4">
      {canManage && (
        <form
          className="card space-y-3"
          aria-labelledby="share-title"
          onSubmit={(e) => {
            e.preventDefault();
            run(
              () =>
                createReviewLinkAction(
                  {
                    start_date: start,
                    end_date: end,
                    timezone: zone,
                    ...(label.trim() ? { label: label.trim() } : {}),
                    expires_at: new Date(Date.now() + days * 86_400_000).toISOString(),
                  },
                  ws,
                ),
              (data) => {
                setMade(data.url);
                notify("Review link made");
                router.refresh();
              },
            );
          }}
        >
          <div>
            <h2 id="share-title" className="text-base font-semibold">
              Share for review
            </h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Anyone with the link sees the posts scheduled on these days ({zone}) as they are when opened, and can approve them or ask for changes with their
              name. To share chosen posts, select them in the content list.
            </p>
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor="rl-start" className="label">
                From
              </label>
              <input id="rl-start" type="date" className="input" required value={start} onChange={(e) => setStart(e.target.value)} />
            </div>
            <div>
              <label htmlFor="rl-end" className="label">
                To
              </label>
              <input id="rl-end" type="date" className="input" required value={end} onChange={(e) => setEnd(e.target.value)} />
            </div>
            <div>
              <label htmlFor="rl-label" className="label">
                Label (optional)
              </label>
              <input id="rl-label" className="input" maxLength={200} value={label} onChange={(e) => setLabel(e.target.value)} placeholder="Client: week 12" />
            </div>
            <div>
              <label htmlFor="rl-days" className="label">
                Expires after
              </label>
              <select id="rl-days" className="input" value={days} onChange={(e) => setDays(Number(e.target.value))}>
                {DAYS.map((d) => (
                  <option key={d} value={d}>
                    {d} day{d === 1 ? "" : "s"}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <FormError message={error} />
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? "Making…" : "Make review link"}
          </button>
          {made && (
            <div role="status" className="space-y-1">
              <p className="text-sm">New link, ready to send:</p>
              <CopyField value={made} label="New review link" />
            </div>
          )}
        </form>
      )}

      <section className="card space-y-3" aria-labelledby="links-title">
        <h2 id="links-title" className="text-base font-semibold">
          Review links
        </h2>
        {links.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No review links yet.</p>
        ) : (
          <ul className="space-y-4" data-testid="review-links">
            {links.map((l) => (
              <li key={l.id} className="space-y-2 border-t border-slate-200 pt-3 first:border-t-0 first:pt-0 dark:border-slate-800" data-testid="review-link">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="font-medium">{l.label ?? l.scope}</p>
                  <span className="text-xs font-medium" data-testid="review-link-status">
                    {STATUS[l.status]}
                  </span>
                </div>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {l.label ? `${l.scope} · ` : ""}
                  {l.status === "revoked" ? "Revoked" : `${l.status === "expired" ? "Expired" : "Expires"} ${l.expires}`}
                </p>
                {l.status === "active" && l.url && <CopyField value={l.url} label={`Review link ${l.label ?? l.scope}`} />}
                {l.decisions.length > 0 ? (
                  <ul className="space-y-1 text-sm" aria-label="Decisions">
                    {l.decisions.map((d) => (
                      <li key={d.id} data-testid="review-decision">
                        <span className="font-medium">{d.reviewer}</span> {d.decision === "approve" ? "approved" : "asked for changes to"}{" "}
                        <Link className="underline" href={`/approvals/${d.contentId}`}>
                          {d.title}
                        </Link>{" "}
                        <span className="text-slate-600 dark:text-slate-400">
                          ({OUTCOME[d.outcome] ?? d.outcome}, {d.when})
                        </span>
                        {d.comment && <span className="block break-words text-slate-600 dark:text-slate-400">“{d.comment}”</span>}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-sm text-slate-600 dark:text-slate-400">No decisions yet.</p>
                )}
                {canManage && l.status === "active" && (
                  <ConfirmButton
                    question="Revoke this review link? Its page stops working at once."
                    label={`Revoke ${l.label ?? l.scope}`}
                    onConfirm={() =>
                      run(
                        () => revokeReviewLinkAction({ id: l.id }, ws),
                        () => {
                          notify("Review link revoked");
                          router.refresh();
                        },
                      )
                    }
                  >
                    Revoke
                  </ConfirmButton>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

"use client";
import { useState } from "react";
import type { guestPreviews } from "@/lib/review-links/public";
import { PostPreview } from "@/components/composer/PostPreview";
import { useBrowserZone } from "@/components/ui/useBrowserZone";

export interface PublicItem {
  id: string;
  title: string;
  version: number;
  changedSinceShared: boolean;
  state: string;
  status: string;
  canDecide: boolean;
  times: { at: string; platform: string; account: string }[];
  decision: { reviewer: string; decision: string; comment: string | null } | null;
  previews: Awaited<ReturnType<typeof guestPreviews>>;
}

const STATE: Record<string, string> = {
  draft: "Draft",
  in_review: "Waiting for review",
  approved: "Approved",
  changes_requested: "Changes requested",
  rejected: "Rejected",
  outdated: "Edited since its approval",
};

/** A time in the reviewer's own browser zone; blank until the browser says which zone that is. */
function LocalTime({ iso, zone }: { iso: string; zone: string | null }) {
  if (!zone) return <span>…</span>;
  return <time dateTime={iso}>{new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short", timeZone: zone }).format(new Date(iso))}</time>;
}

function Decision({ d }: { d: NonNullable<PublicItem["decision"]> }) {
  return (
    <p className="rounded-md bg-slate-100 p-2 text-sm dark:bg-slate-800" role="status" data-testid="review-decided">
      {d.decision === "approve" ? "Approved" : "Changes requested"} by {d.reviewer}
      {d.comment ? `: “${d.comment}”` : "."}
    </p>
  );
}

function ItemCard({ item, token, name, zone }: { item: PublicItem; token: string; name: string; zone: string | null }) {
  const [comment, setComment] = useState("");
  const [decided, setDecided] = useState(item.decision);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = `post-${item.id}`;

  async function send(decision: "approve" | "request_changes") {
    setError(null);
    if (!name.trim()) return setError("Enter your name at the top of the page first.");
    if (decision === "request_changes" && !comment.trim()) return setError("Say what should change in the comment.");
    setBusy(true);
    try {
      const res = await fetch(`/api/review/${encodeURIComponent(token)}/decisions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          content_id: item.id,
          decision,
          name: name.trim(),
          version: item.version,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        }),
      });
      const body = (await res.json().catch(() => null)) as { error?: { message: string } } | null;
      if (res.ok) setDecided({ reviewer: name.trim(), decision, comment: comment.trim() || null });
      else setError(body?.error?.message ?? `The decision was not saved (${res.status}).`);
    } catch {
      setError("The decision was not saved: the connection failed. Try again.");
    } finally {
      setBusy(false);
    }
  }

  const open = item.canDecide && !decided;
  return (
    <article className="card space-y-3" aria-labelledby={titleId} data-testid="review-item">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={titleId} className="text-base font-semibold break-words">
          {item.title}
        </h2>
        <span className="text-xs font-medium">{item.status === "published" ? "Published" : (STATE[item.state] ?? item.state)}</span>
      </div>
      {item.changedSinceShared && <p className="text-sm font-medium text-amber-800 dark:text-amber-300">Edited since this link was shared.</p>}
      {item.times.length > 0 ? (
        <ul className="text-sm text-slate-700 dark:text-slate-300">
          {item.times.map((t, i) => (
            <li key={i}>
              <LocalTime iso={t.at} zone={zone} /> · {t.account} ({t.platform})
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Not scheduled yet.</p>
      )}
      <div className="grid gap-3 md:grid-cols-2">
        {item.previews.previews.map((p) => (
          <PostPreview key={p.key} preview={p.preview} author={p.author} media={item.previews.media} />
        ))}
      </div>
      {decided ? (
        <Decision d={decided} />
      ) : open ? (
        <div className="space-y-2">
          <label htmlFor={`comment-${item.id}`} className="label">
            Comment (required to request changes)
          </label>
          <textarea id={`comment-${item.id}`} className="input" rows={2} maxLength={5000} value={comment} onChange={(e) => setComment(e.target.value)} />
          {error && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {error}
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <button type="button" className="btn-primary" disabled={busy} onClick={() => send("approve")} aria-describedby={titleId}>
              Approve
            </button>
            <button type="button" className="btn-secondary" disabled={busy} onClick={() => send("request_changes")} aria-describedby={titleId}>
              Request changes
            </button>
          </div>
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Nothing to decide here: this post is {item.status === "published" ? "published" : "approved"} already.
        </p>
      )}
    </article>
  );
}

/** What a client sees on a review link: the posts, when they go out in their own zone, and a decision on each. */
export function ReviewPage(props: { token: string; workspaceName: string; label: string | null; note: string | null; expiresAt: string; items: PublicItem[] }) {
  const [name, setName] = useState("");
  const zone = useBrowserZone();
  return (
    <main className="mx-auto max-w-3xl space-y-4 px-4 py-8">
      <header className="space-y-1">
        <p className="text-sm text-slate-600 dark:text-slate-400">{props.workspaceName} asks for your review</p>
        <h1 className="text-xl font-semibold">{props.label ?? "Posts for review"}</h1>
        {props.note && <p className="whitespace-pre-line break-words">{props.note}</p>}
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Times are shown in your time zone{zone ? `: ${zone}` : ""}. This link works until <LocalTime iso={props.expiresAt} zone={zone} />.
        </p>
      </header>
      <div className="card space-y-1">
        <label htmlFor="reviewer-name" className="label">
          Your name (required)
        </label>
        <input id="reviewer-name" className="input" autoComplete="name" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        <p className="text-xs text-slate-600 dark:text-slate-400">The team sees your decisions and comments under this name.</p>
      </div>
      {props.items.length === 0 ? (
        <p className="card">There are no posts on this link right now.</p>
      ) : (
        props.items.map((item) => <ItemCard key={item.id} item={item} token={props.token} name={name} zone={zone} />)
      )}
    </main>
  );
}

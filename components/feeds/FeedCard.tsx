"use client";
import { useState } from "react";
import { deleteFeedAction, pollFeedAction, updateFeedAction } from "@/app/_actions/feeds";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { FormError } from "@/components/ui/FormError";
import { useFormat } from "@/components/ui/FormatProvider";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { FeedForm } from "./FeedForm";
import { FEED_FIELD_LABELS, type AccountOption, type FeedView } from "./types";

type PollOutcome = { status: string; error: string | null; newItems: number; drafts: number; queued: number; markedSeen: number; firstPoll: boolean };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a poll did, in a sentence. */
function said(r: PollOutcome): string {
  if (r.status === "error") return `The check failed: ${r.error}`;
  if (r.status === "not_modified") return "Nothing new: the feed has not changed since the last check.";
  if (!r.newItems) return "Nothing new in the feed.";
  const made = [r.drafts ? plural(r.drafts, "draft") : "", r.queued ? `${plural(r.queued, "post")} queued` : ""].filter(Boolean).join(" and ");
  const seen = r.markedSeen ? `${plural(r.markedSeen, "item")} marked seen${r.firstPoll ? " (first check)" : ""}` : "";
  return `${plural(r.newItems, "new item")}: ${[made, seen].filter(Boolean).join(", ")}.`;
}

const BADGE: Record<string, [string, string]> = {
  new: ["Not checked yet", "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100"],
  ok: ["OK", "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100"],
  not_modified: ["OK (unchanged)", "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100"],
  error: ["Failing", "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100"],
};

/** One feed: where it reads, how its checks go, and what an editor can do with it. */
export function FeedCard({ feed: f, accounts, canManage }: { feed: FeedView; accounts: AccountOption[]; canManage: boolean }) {
  const fmt = useFormat();
  const { pending, error, run } = useActionRunner((path) => FEED_FIELD_LABELS[path.replace(/^patch\./, "").split(".")[0]!] ?? null);
  const ws = useWorkspaceId();
  const notify = useToast();
  const [editing, setEditing] = useState(false);
  const [outcome, setOutcome] = useState<PollOutcome | null>(null);
  const [badgeText, badgeClass] = f.active ? (BADGE[f.status] ?? BADGE.new!) : ["Paused", BADGE.new![1]];
  const names = f.platformAccountIds.map((id) => accounts.find((a) => a.id === id)?.name ?? "a removed account");

  return (
    <li className="card space-y-3" data-testid="feed-card">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 flex-1">
          <h3 className="font-medium">{f.name}</h3>
          <p className="break-all font-mono text-xs text-slate-600 dark:text-slate-400">{f.url}</p>
        </div>
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${badgeClass}`}>{badgeText}</span>
      </div>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
        <div>
          <dt className="inline text-slate-600 dark:text-slate-400">Makes: </dt>
          <dd className="inline">{f.mode === "queue" ? `queued posts on ${names.join(", ")}` : `drafts${names.length ? ` for ${names.join(", ")}` : ""}`}</dd>
        </div>
        <div>
          <dt className="inline text-slate-600 dark:text-slate-400">Items seen: </dt>
          <dd className="inline">{fmt.number(f.itemsSeen)}</dd>
        </div>
        <div>
          <dt className="inline text-slate-600 dark:text-slate-400">Last checked: </dt>
          <dd className="inline">{f.lastCheckedAt ? fmt.dateTime(f.lastCheckedAt) : "never"}</dd>
        </div>
        <div>
          <dt className="inline text-slate-600 dark:text-slate-400">Next check: </dt>
          <dd className="inline">
            {f.nextCheckAt ? fmt.dateTime(f.nextCheckAt) : "paused"} · every {plural(f.pollIntervalMinutes, "minute")}
          </dd>
        </div>
        {!f.primed && (
          <div className="sm:col-span-2 text-slate-600 dark:text-slate-400">
            {f.firstPoll === "newest"
              ? "The first check marks the items already there as seen and posts only the newest."
              : "The first check marks the items already there as seen and posts nothing."}
          </div>
        )}
      </dl>
      {f.lastError && (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {f.lastError}
          {f.consecutiveFailures > 1 && ` (${plural(f.consecutiveFailures, "failed check")} in a row; checking less often until it works again)`}
        </p>
      )}
      {outcome && (
        <p role="status" data-testid="poll-outcome" className="text-sm">
          {said(outcome)}
        </p>
      )}
      {editing ? (
        <FeedForm
          initial={f}
          accounts={accounts}
          submitLabel="Save changes"
          pending={pending}
          onCancel={() => setEditing(false)}
          onSubmit={(v) =>
            run(
              () => updateFeedAction({ id: f.id, patch: v }, ws),
              () => {
                setEditing(false);
                notify("Feed saved");
              },
            )
          }
        />
      ) : (
        canManage && (
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className="btn-secondary py-1"
              disabled={pending}
              onClick={() =>
                run(
                  () => pollFeedAction({ id: f.id }, ws),
                  (r) => setOutcome(r),
                )
              }
            >
              {pending ? "Working…" : "Poll now"}
            </button>
            <button type="button" className="btn-secondary py-1" disabled={pending} onClick={() => setEditing(true)}>
              Edit
            </button>
            <button
              type="button"
              className="btn-secondary py-1"
              disabled={pending}
              onClick={() =>
                run(
                  () => updateFeedAction({ id: f.id, patch: { active: !f.active } }, ws),
                  () => notify(f.active ? "Feed paused" : "Feed resumed"),
                )
              }
            >
              {f.active ? "Pause" : "Resume"}
            </button>
            <ConfirmButton
              question={`Delete the feed “${f.name}”? Posts it made stay.`}
              label={`Delete feed ${f.name}`}
              disabled={pending}
              onConfirm={() =>
                run(
                  () => deleteFeedAction({ id: f.id }, ws),
                  () => notify("Feed deleted"),
                )
              }
            >
              Delete
            </ConfirmButton>
          </div>
        )
      )}
      <FormError message={error} />
    </li>
  );
}

"use client";
import { createFeedAction } from "@/app/_actions/feeds";
import { FormError } from "@/components/ui/FormError";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { FeedForm } from "./FeedForm";
import { FeedCard } from "./FeedCard";
import { FEED_FIELD_LABELS, type AccountOption, type FeedView } from "./types";

export function FeedManager({ feeds, accounts, canManage }: { feeds: FeedView[]; accounts: AccountOption[]; canManage: boolean }) {
  const { pending, error, run } = useActionRunner((path) => FEED_FIELD_LABELS[path.split(".")[0]!] ?? null);
  const ws = useWorkspaceId();
  const notify = useToast();

  return (
    <div className="space-y-6">
      {canManage ? (
        <section className="card" aria-labelledby="add-feed">
          <h2 id="add-feed" className="mb-1 text-base font-semibold">
            Add a feed
          </h2>
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
            RSS, Atom or JSON Feed. New items become drafts, or go straight into the queue. The first check only marks the items already in the feed as seen, so
            an old archive never floods your queue.
          </p>
          <FeedForm
            accounts={accounts}
            submitLabel="Add feed"
            pending={pending}
            onSubmit={(v, reset) =>
              run(
                () => createFeedAction(v, ws),
                (data) => {
                  reset();
                  notify(`Feed “${data.name}” added`);
                },
              )
            }
          />
          <div className="mt-3">
            <FormError message={error} />
          </div>
        </section>
      ) : (
        <p className="card text-sm">Editors and admins add and change feeds; you can see how they are doing.</p>
      )}
      <section aria-labelledby="feed-list" className="space-y-3">
        <h2 id="feed-list" className="text-base font-semibold">
          Feeds
        </h2>
        {feeds.length === 0 ? (
          <p className="card text-sm text-slate-600 dark:text-slate-400">No feeds yet.</p>
        ) : (
          <ul className="space-y-3">
            {feeds.map((f) => (
              <FeedCard key={f.id} feed={f} accounts={accounts} canManage={canManage} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

"use client";
import { useState } from "react";
import { regenerateIcsFeedAction } from "@/app/_actions/scheduling-settings";
import { CopyField } from "@/components/ui/CopyField";
import { FormError } from "@/components/ui/FormError";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";

/** The workspace's secret ICS address: copy it into a calendar app; admins replace it. */
export function CalendarFeed({ url, createdLabel, canManage }: { url: string | null; createdLabel: string | null; canManage: boolean }) {
  const [current, setCurrent] = useState(url);
  const [fresh, setFresh] = useState(false);
  const { pending, error, run } = useActionRunner();
  const notify = useToast();
  const ws = useWorkspaceId();

  function regenerate() {
    if (current && !confirm("Make a new feed URL? The current one stops working at once: every calendar subscribed to it must be given the new one.")) return;
    run(
      () => regenerateIcsFeedAction({}, ws),
      (data) => {
        setCurrent(data.url);
        setFresh(true);
        notify(current ? "New feed URL made; the old one no longer works" : "Feed URL made");
      },
    );
  }

  return (
    <section className="card space-y-3" aria-labelledby="feed-title">
      <div>
        <h2 id="feed-title" className="text-base font-semibold">
          Calendar feed (ICS)
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Subscribe to this address in Google Calendar, Outlook or Apple Calendar to see the workspace&apos;s posts from a month back to six months ahead.
          Anyone with the address can read the titles, so keep it private.
        </p>
      </div>
      {current ? (
        <>
          <CopyField value={current} label="Calendar feed URL" />
          <p className="text-xs text-slate-600 dark:text-slate-400" role={fresh ? "status" : undefined}>
            {fresh ? "New address made just now; the previous one no longer works." : createdLabel ? `Made ${createdLabel}.` : null}
          </p>
        </>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="feed-empty">
          No feed address yet. {canManage ? "Make one below." : "An admin makes one."}
        </p>
      )}
      {canManage && (
        <div className="space-y-2">
          <button type="button" className={current ? "btn-danger" : "btn-primary"} disabled={pending} onClick={regenerate}>
            {pending ? "Making…" : current ? "Regenerate URL" : "Make feed URL"}
          </button>
          {current && <p className="text-xs text-slate-600 dark:text-slate-400">Regenerate if the address leaked: the old one stops working.</p>}
        </div>
      )}
      <FormError message={error} />
    </section>
  );
}

"use client";
import { useState, useTransition } from "react";
import { bulkContentAction } from "@/app/_actions/content-list";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { BulkMoveForm } from "./BulkMoveForm";
import { ShareForReview } from "@/components/review-links/ShareForReview";
import { BulkScheduleForm, type AccountOption } from "./BulkScheduleForm";
import type { Outcome } from "./outcome";

type Op = "archive" | "restore" | "delete" | "pause" | "resume";
const VERB: Record<Op, string> = { archive: "Archived", restore: "Restored", delete: "Deleted", pause: "Paused", resume: "Resumed" };

export interface BulkResult {
  verb: string;
  outcome: Outcome;
  /** Extra words for the toast, e.g. how many schedules were made. */
  detail?: string;
}

/** What can be done to the selected rows; every outcome comes back item by item. */
export function BulkBar({
  ids,
  accounts,
  zone,
  onResult,
  onError,
  onClear,
}: {
  ids: string[];
  accounts: AccountOption[];
  zone: string;
  onResult: (r: BulkResult) => void;
  onError: (message: string) => void;
  onClear: () => void;
}) {
  const ws = useWorkspaceId();
  const [pending, start] = useTransition();
  const [panel, setPanel] = useState<"schedule" | "move" | "share" | null>(null);
  const n = ids.length;

  function run(op: Op) {
    if (op === "delete" && !window.confirm(`Delete ${n} post${n === 1 ? "" : "s"}? This cannot be undone; published posts are refused (archive those).`))
      return;
    start(async () => {
      const r = await bulkContentAction({ ids, op }, ws);
      if (!r.ok) return onError(r.error.message);
      onResult({ verb: VERB[op], outcome: r.data });
    });
  }

  if (!n) return null;
  return (
    <section aria-label="Bulk actions" data-testid="bulk-bar" className="card mb-3 space-y-3 border-brand-500/60">
      <div className="flex flex-wrap items-center gap-2">
        <span className="mr-2 text-sm font-medium" aria-live="polite">
          {n} selected
        </span>
        <button
          type="button"
          className="btn-primary py-1"
          aria-expanded={panel === "schedule"}
          onClick={() => setPanel(panel === "schedule" ? null : "schedule")}
          disabled={pending}
        >
          Schedule…
        </button>
        <button
          type="button"
          className="btn-secondary py-1"
          aria-expanded={panel === "move"}
          onClick={() => setPanel(panel === "move" ? null : "move")}
          disabled={pending}
        >
          Reschedule…
        </button>
        <button
          type="button"
          className="btn-secondary py-1"
          aria-expanded={panel === "share"}
          onClick={() => setPanel(panel === "share" ? null : "share")}
          disabled={pending}
        >
          Share for review…
        </button>
        <button type="button" className="btn-secondary py-1" onClick={() => run("pause")} disabled={pending}>
          Pause
        </button>
        <button type="button" className="btn-secondary py-1" onClick={() => run("resume")} disabled={pending}>
          Resume
        </button>
        <button type="button" className="btn-secondary py-1" onClick={() => run("archive")} disabled={pending}>
          Archive
        </button>
        <button type="button" className="btn-secondary py-1" onClick={() => run("restore")} disabled={pending}>
          Restore
        </button>
        <button type="button" className="btn-danger py-1" onClick={() => run("delete")} disabled={pending}>
          Delete
        </button>
        <button type="button" className="ml-auto text-sm underline" onClick={onClear} disabled={pending}>
          Clear selection
        </button>
      </div>
      {pending && (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          Working on {n} post{n === 1 ? "" : "s"}…
        </p>
      )}
      {panel === "schedule" && (
        <BulkScheduleForm
          ids={ids}
          accounts={accounts}
          zone={zone}
          onCancel={() => setPanel(null)}
          onResult={(o) => {
            setPanel(null);
            onResult({ verb: "Scheduled", outcome: o, detail: o.schedules ? `${o.schedules} schedule${o.schedules === 1 ? "" : "s"} made` : undefined });
          }}
        />
      )}
      {panel === "share" && <ShareForReview ids={ids} onCancel={() => setPanel(null)} />}
      {panel === "move" && (
        <BulkMoveForm
          ids={ids}
          onCancel={() => setPanel(null)}
          onResult={(o) => {
            setPanel(null);
            onResult({ verb: "Rescheduled", outcome: o });
          }}
        />
      )}
    </section>
  );
}

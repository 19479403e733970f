"use client";
import { useRef, useState } from "react";
import { decideMissedAction } from "@/app/_actions/decisions";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { useToast } from "@/components/ui/Toast";

/** Publish now, or Skip after a confirmation; the server refuses a post already decided and says why. */
export function DecisionActions({ id, label }: { id: string; label: string }) {
  const { pending, error, run } = useActionRunner();
  const ws = useWorkspaceId();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const skipRef = useRef<HTMLButtonElement>(null);
  const decide = (decision: "publish_now" | "skip") =>
    run(
      () => decideMissedAction({ id, decision }, ws),
      () => {
        setConfirming(false);
        toast(decision === "publish_now" ? `“${label}” is in the queue and goes out now.` : `“${label}” was skipped and will not be published.`, "success");
      },
    );
  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      {confirming ? (
        <div role="group" aria-label={`Skip ${label}?`} className="flex flex-wrap items-center gap-2">
          <span className="text-sm">Skip it? It will not be published.</span>
          <button type="button" className="btn-danger py-1" disabled={pending} onClick={() => decide("skip")}>
            {pending ? "Skipping…" : "Yes, skip"}
          </button>
          <button
            type="button"
            className="btn-secondary py-1"
            disabled={pending}
            // The safe choice has the focus, so Enter never skips a post by accident.
            autoFocus
            onClick={() => {
              setConfirming(false);
              requestAnimationFrame(() => skipRef.current?.focus());
            }}
          >
            Keep waiting
          </button>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          <button type="button" className="btn-primary py-1" disabled={pending} aria-label={`Publish now: ${label}`} onClick={() => decide("publish_now")}>
            {pending ? "Publishing…" : "Publish now"}
          </button>
          <button
            ref={skipRef}
            type="button"
            className="btn-secondary py-1"
            disabled={pending}
            aria-label={`Skip: ${label}`}
            onClick={() => setConfirming(true)}
          >
            Skip
          </button>
        </div>
      )}
      {error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </span>
      )}
    </div>
  );
}

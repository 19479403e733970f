"use client";
import { useEffect, useRef } from "react";
import { ScheduleWhen } from "@/components/schedules/ScheduleWhen";
import type { EditScope, OpenSchedule } from "@/lib/composer/reconcile";

export type EditQuestion = { step: "scope" } | { step: "cancel"; cancel: OpenSchedule[] };

/**
 * The questions a save of scheduled content may ask before anything changes: "this post only or
 * the whole series" for an occurrence of a recurring series, and a confirmation listing exactly
 * which schedules would be cancelled (account, wall time, zone).
 */
export function ScheduleEditDialog({
  question,
  onScope,
  onConfirm,
  onClose,
}: {
  question: EditQuestion | null;
  onScope: (s: EditScope) => void;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (question && !d.open) d.showModal();
    if (!question && d.open) d.close();
    // The safe choice has the focus, so Enter never cancels a post by accident.
    if (question?.step === "cancel") d.querySelector<HTMLButtonElement>("[data-safe-choice]")?.focus();
  }, [question]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="edit-dialog-title"
      data-testid="schedule-edit-dialog"
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      {question?.step === "scope" && (
        <div className="space-y-3">
          <h2 id="edit-dialog-title" className="text-base font-semibold">
            This post is part of a repeating series
          </h2>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Apply the new time and accounts to this post only, or to the whole series (its posts that have not gone out yet)?
          </p>
          <div className="grid gap-2 sm:grid-cols-2">
            <button type="button" className="btn-primary" onClick={() => onScope("post")}>
              This post only
            </button>
            <button type="button" className="btn-secondary" onClick={() => onScope("series")}>
              The whole series
            </button>
          </div>
          <button type="button" className="btn-secondary w-full" onClick={onClose}>
            Back to editing
          </button>
        </div>
      )}
      {question?.step === "cancel" && (
        <div className="space-y-3">
          <h2 id="edit-dialog-title" className="text-base font-semibold">
            Cancel {question.cancel.length === 1 ? "this post" : `these ${question.cancel.length} posts`}?
          </h2>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            You unticked {question.cancel.length === 1 ? "its account" : "their accounts"}. Saving cancels:
          </p>
          <ul
            className="max-h-60 divide-y divide-slate-200 overflow-y-auto rounded-md border border-slate-200 text-sm dark:divide-slate-700 dark:border-slate-700"
            data-testid="cancel-list"
          >
            {question.cancel.map((s) => (
              <li key={s.id} className="px-3 py-2">
                <span className="font-medium">{s.accountName}</span> <span className="text-slate-600 dark:text-slate-400">({s.platformName})</span>
                <span className="block">
                  <ScheduleWhen local={s.localTime} zone={s.timezone} />
                  {s.status === "paused" && " · paused"}
                </span>
              </li>
            ))}
          </ul>
          <div className="grid gap-2 sm:grid-cols-2">
            <button type="button" className="btn-danger" onClick={onConfirm}>
              Cancel {question.cancel.length === 1 ? "it" : "them"} and save
            </button>
            <button type="button" className="btn-secondary" onClick={onClose} data-safe-choice>
              Keep {question.cancel.length === 1 ? "it" : "them"}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}

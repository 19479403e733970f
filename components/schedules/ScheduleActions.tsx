"use client";
import { useState, useTransition } from "react";
import { cancelScheduleAction, pauseScheduleAction, resumeScheduleAction } from "@/app/_actions/schedules";
import { retryScheduleAction } from "@/app/_actions/jobs";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { useToast } from "@/components/ui/Toast";
import { Dialog } from "./Dialog";
import { CloneForm } from "./CloneForm";
import { RetrySettingsForm } from "./RetrySettingsForm";
import { useScheduleDetails } from "./useScheduleDetails";
import { actionsFor, type ScheduleControl } from "./actions";

export interface ScheduleTarget {
  id: string;
  status: string;
  /** Why the engine holds it (paused for a decision or for approval), when it does. */
  errorCode?: string | null;
  title: string;
  accountName: string;
  /** Wall time and zone, for the confirmation ("… at 2031-05-01 09:00 Europe/Paris"). */
  when?: string;
}

type Open = null | "cancel" | "clone" | "settings";

/**
 * Per-schedule controls: pause, resume, cancel, clone, retry now, retry settings — only those the
 * schedule's status allows, none for viewers. Each calls the same lib function as /api/v1 through
 * a server action; the server has the last word and its refusal is shown.
 */
export function ScheduleActions({
  schedule,
  canWrite,
  onChanged,
  size = "sm",
}: {
  schedule: ScheduleTarget;
  canWrite: boolean;
  onChanged?: () => void;
  size?: "sm" | "md";
}) {
  const ws = useWorkspaceId();
  const notify = useToast();
  const [open, setOpen] = useState<Open>(null);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (!canWrite) return null;
  const offered = actionsFor(schedule.status, schedule.errorCode);
  if (!offered.length) return null;
  const what = `“${schedule.title}” on ${schedule.accountName}`;
  const btn = size === "sm" ? "py-1 px-2" : "";

  function run(verb: ScheduleControl, done: string) {
    setError(null);
    start(async () => {
      const call = { pause: pauseScheduleAction, resume: resumeScheduleAction, cancel: cancelScheduleAction, retry: retryScheduleAction }[
        verb as "pause" | "resume" | "cancel" | "retry"
      ];
      const res = await call({ id: schedule.id }, ws);
      if (!res.ok) {
        setError(res.error.message);
        notify(`Could not ${verb === "retry" ? "retry" : verb} ${what}: ${res.error.message}`, "error");
        return;
      }
      setOpen(null);
      notify(done);
      onChanged?.();
    });
  }

  const label = (verb: string) => `${verb} ${schedule.title} on ${schedule.accountName}`;
  return (
    <div className="flex flex-col items-end gap-1" data-testid="schedule-actions" data-schedule-id={schedule.id}>
      <div role="group" aria-label={`Controls for ${what}`} className="flex flex-wrap justify-end gap-1.5">
        {offered.includes("pause") && (
          <button
            type="button"
            className={`btn-secondary ${btn}`}
            disabled={pending}
            aria-label={label("Pause")}
            onClick={() => run("pause", `Paused ${what}. It will not go out until you resume it.`)}
          >
            Pause
          </button>
        )}
        {offered.includes("resume") && (
          <button
            type="button"
            className={`btn-secondary ${btn}`}
            disabled={pending}
            aria-label={label("Resume")}
            onClick={() => run("resume", `Resumed ${what}.`)}
          >
            Resume
          </button>
        )}
        {offered.includes("retry") && (
          <button
            type="button"
            className={`btn-secondary ${btn}`}
            disabled={pending}
            aria-label={label("Retry now")}
            onClick={() => run("retry", `Retrying ${what} now.`)}
          >
            Retry now
          </button>
        )}
        {offered.includes("settings") && (
          <button
            type="button"
            className={`btn-secondary ${btn}`}
            disabled={pending}
            aria-label={label("Retry settings of")}
            onClick={() => setOpen("settings")}
          >
            Retry settings
          </button>
        )}
        {offered.includes("clone") && (
          <button type="button" className={`btn-secondary ${btn}`} disabled={pending} aria-label={label("Clone")} onClick={() => setOpen("clone")}>
            Clone
          </button>
        )}
        {offered.includes("cancel") && (
          <button type="button" className={`btn-danger ${btn}`} disabled={pending} aria-label={label("Cancel")} onClick={() => setOpen("cancel")}>
            Cancel
          </button>
        )}
      </div>
      {error && !open && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      {open === "cancel" && (
        <Dialog title="Cancel this schedule?" onClose={() => setOpen(null)} testId="cancel-dialog">
          <p className="text-sm">
            {what}
            {schedule.when ? ` at ${schedule.when}` : ""} will not be published.
          </p>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            A cancelled schedule cannot be brought back: its queued run is dropped and webhooks are told. To hold it back for now, pause it instead — you can
            resume it any time.
          </p>
          {error && (
            <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
              {error}
            </p>
          )}
          <div className="mt-4 flex flex-wrap justify-end gap-2">
            <button type="button" className="btn-secondary" onClick={() => setOpen(null)} autoFocus>
              Keep it
            </button>
            {schedule.status === "pending" && (
              <button
                type="button"
                className="btn-secondary"
                disabled={pending}
                onClick={() => run("pause", `Paused ${what} instead. It will not go out until you resume it.`)}
              >
                Pause instead
              </button>
            )}
            <button
              type="button"
              className="btn-danger"
              disabled={pending}
              onClick={() => run("cancel", `Cancelled ${what}. To post it again, clone it or schedule it anew.`)}
            >
              {pending ? "Cancelling…" : "Cancel schedule"}
            </button>
          </div>
        </Dialog>
      )}
      {open === "clone" && (
        <Dialog title={`Clone ${what}`} onClose={() => setOpen(null)} testId="clone-dialog">
          <WithDetails id={schedule.id}>
            {(d) => (
              <CloneForm
                details={d}
                onCancel={() => setOpen(null)}
                onDone={(message) => {
                  setOpen(null);
                  notify(message);
                  onChanged?.();
                }}
              />
            )}
          </WithDetails>
        </Dialog>
      )}
      {open === "settings" && (
        <Dialog title={`Retry settings of ${what}`} onClose={() => setOpen(null)} testId="settings-dialog" wide>
          <WithDetails id={schedule.id}>
            {(d) => (
              <RetrySettingsForm
                details={d}
                onCancel={() => setOpen(null)}
                onSaved={() => {
                  setOpen(null);
                  notify(`Saved the retry settings of ${what}.`);
                  onChanged?.();
                }}
              />
            )}
          </WithDetails>
        </Dialog>
      )}
    </div>
  );
}

function WithDetails({ id, children }: { id: string; children: (d: NonNullable<ReturnType<typeof useScheduleDetails>["details"]>) => React.ReactNode }) {
  const { details, error } = useScheduleDetails(id);
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        {error}
      </p>
    );
  if (!details)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" aria-busy="true">
        Loading…
      </p>
    );
  return <>{children(details)}</>;
}

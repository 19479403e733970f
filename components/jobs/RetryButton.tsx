"use client";
import { retryScheduleAction } from "@/app/_actions/jobs";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";

/** Retries one post by hand; the server refuses what cannot be retried and says why. */
export function RetryButton({ id, label }: { id: string; label: string }) {
  const { pending, error, run } = useActionRunner();
  const ws = useWorkspaceId();
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button type="button" className="btn-secondary py-1" disabled={pending} aria-label={`Retry ${label}`} onClick={() => run(() => retryScheduleAction({ id }, ws))}>
        {pending ? "Retrying…" : "Retry"}
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </span>
      )}
    </span>
  );
}

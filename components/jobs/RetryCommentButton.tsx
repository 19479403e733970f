"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { retryCommentAction } from "@/app/_actions/jobs";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { useToast } from "@/components/ui/Toast";

/** Sends a failed first comment again; the server refuses when it is no longer failed. */
export function RetryCommentButton({ scheduleId }: { scheduleId: string }) {
  const ws = useWorkspaceId();
  const notify = useToast();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="mt-2">
      <button
        type="button"
        className="btn-secondary px-2 py-1"
        disabled={pending}
        onClick={() =>
          start(async () => {
            setError(null);
            const res = await retryCommentAction({ id: scheduleId }, ws);
            if (!res.ok) {
              setError(res.error.message);
              return;
            }
            notify("The first comment will be sent again in a moment.");
            router.refresh();
          })
        }
      >
        {pending ? "Retrying…" : "Retry comment"}
      </button>
      {error && (
        <p role="alert" className="mt-1 text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

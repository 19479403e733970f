"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { submitForApprovalAction } from "@/app/_actions/approvals";
import { FormError } from "@/components/ui/FormError";
import { useToast } from "@/components/ui/Toast";

/** "Submit for approval": quality-gate warnings are shown and can be acknowledged; errors block. */
export function SubmitButton({ contentId, workspaceId }: { contentId: string; workspaceId: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [warned, setWarned] = useState(false);
  const router = useRouter();
  const notify = useToast();
  const submit = (acknowledge: boolean) =>
    start(async () => {
      setError(null);
      const r = await submitForApprovalAction({ id: contentId, acknowledge_warnings: acknowledge }, workspaceId);
      if (r.ok) {
        setWarned(false);
        notify("Submitted for approval");
        router.refresh();
        return;
      }
      setWarned(r.error.code === "bad_request:gate_warnings");
      setError(r.error.message);
    });
  return (
    <div className="space-y-2">
      <FormError message={error} />
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-primary" disabled={pending} onClick={() => submit(false)}>
          {pending ? "Submitting…" : "Submit for approval"}
        </button>
        {warned && (
          <button type="button" className="btn-secondary" disabled={pending} onClick={() => submit(true)}>
            Acknowledge warnings and submit
          </button>
        )}
      </div>
    </div>
  );
}

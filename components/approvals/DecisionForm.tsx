"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { decideAction } from "@/app/_actions/approvals";
import { FormError } from "@/components/ui/FormError";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useToast } from "@/components/ui/Toast";

type Decision = "approve" | "request_changes" | "reject";
const DONE: Record<Decision, string> = { approve: "Approved", request_changes: "Changes requested", reject: "Rejected" };

/** Approve, request changes or reject this version, with a comment (required unless approving). */
export function DecisionForm({ contentId, version, workspaceId }: { contentId: string; version: number; workspaceId: string }) {
  const [comment, setComment] = useState("");
  const [which, setWhich] = useState<Decision | null>(null);
  const { pending, error, run } = useActionRunner();
  const router = useRouter();
  const notify = useToast();
  const go = (decision: Decision) => {
    setWhich(decision);
    run(
      () => decideAction({ id: contentId, decision, comment: comment.trim() || undefined, version }, workspaceId),
      (r) => {
        notify(r.released ? `${DONE[decision]}; ${r.released} held post${r.released === 1 ? "" : "s"} released` : DONE[decision]);
        setComment("");
        router.refresh();
      },
    );
  };
  const busy = (d: Decision, idle: string, doing: string) => (pending && which === d ? doing : idle);
  return (
    <section className="card space-y-3" aria-labelledby="decide-title">
      <h2 id="decide-title" className="text-base font-semibold">
        Your decision on version {version}
      </h2>
      <div>
        <label htmlFor="decision-comment" className="label">
          Comment (required to request changes or reject)
        </label>
        <textarea id="decision-comment" className="input min-h-24" value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      <FormError message={error} />
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-primary" disabled={pending} onClick={() => go("approve")}>
          {busy("approve", "Approve", "Approving…")}
        </button>
        <button type="button" className="btn-secondary" disabled={pending} onClick={() => go("request_changes")}>
          {busy("request_changes", "Request changes", "Sending…")}
        </button>
        <button type="button" className="btn-danger" disabled={pending} onClick={() => go("reject")}>
          {busy("reject", "Reject", "Rejecting…")}
        </button>
      </div>
    </section>
  );
}

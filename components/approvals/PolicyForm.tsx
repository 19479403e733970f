"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { saveApprovalPolicyAction } from "@/app/_actions/approvals";
import { FormError } from "@/components/ui/FormError";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useToast } from "@/components/ui/Toast";

export interface PolicyValue {
  approval_policy: "off" | "required_for_editors" | "required_for_all";
  four_eyes: boolean;
  approvers: string[];
  minor_edit_chars: number;
  allow_external_approvers: boolean;
}

const POLICIES = [
  { value: "off", label: "Off", hint: "Posts go out without approval; anyone can still ask for a review." },
  { value: "required_for_editors", label: "Required for editors", hint: "Editors' posts wait for approval; admins' posts go out directly." },
  { value: "required_for_all", label: "Required for everyone", hint: "Every post waits for approval of its current version." },
] as const;

const LABELS: Record<string, string> = { approval_policy: "Policy", approvers: "Approvers", minor_edit_chars: "Minor edits" };

/** The workspace's approval policy (admins; others see it read-only). */
export function PolicyForm({
  initial,
  candidates,
  canManage,
  workspaceId,
}: {
  initial: PolicyValue;
  candidates: { userId: string; name: string; email: string; role: string }[];
  canManage: boolean;
  workspaceId: string;
}) {
  const [v, setV] = useState<PolicyValue>(initial);
  const { pending, error, run } = useActionRunner((p) => LABELS[p] ?? null);
  const notify = useToast();
  const router = useRouter();
  const toggleApprover = (id: string) =>
    setV((x) => ({ ...x, approvers: x.approvers.includes(id) ? x.approvers.filter((a) => a !== id) : [...x.approvers, id] }));
  return (
    <form
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        run(
          () => saveApprovalPolicyAction(v, workspaceId),
          () => {
            notify("Approval policy saved");
            router.refresh();
          },
        );
      }}
    >
      <fieldset className="card space-y-2" disabled={!canManage}>
        <legend className="text-base font-semibold">Who needs approval</legend>
        {POLICIES.map((p) => (
          <label key={p.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="approval_policy"
              className="mt-1"
              value={p.value}
              checked={v.approval_policy === p.value}
              onChange={() => setV((x) => ({ ...x, approval_policy: p.value }))}
            />
            <span>
              <span className="font-medium">{p.label}</span>
              <span className="block text-slate-600 dark:text-slate-400">{p.hint}</span>
            </span>
          </label>
        ))}
        <label className="mt-2 flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-1" checked={v.four_eyes} onChange={(e) => setV((x) => ({ ...x, four_eyes: e.target.checked }))} />
          <span>
            <span className="font-medium">Four eyes</span>
            <span className="block text-slate-600 dark:text-slate-400">Nobody approves content they wrote or submitted.</span>
          </span>
        </label>
      </fieldset>

      <fieldset className="card space-y-2" disabled={!canManage}>
        <legend className="text-base font-semibold">Approvers</legend>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          With nobody ticked, the workspace&apos;s admins approve. Tick people to make them the only approvers (admins or editors).
        </p>
        {candidates.length === 0 ? (
          <p className="text-sm">No admins or editors yet.</p>
        ) : (
          <ul className="space-y-1">
            {candidates.map((m) => (
              <li key={m.userId}>
                <label className="flex flex-wrap items-center gap-2 text-sm">
                  <input type="checkbox" checked={v.approvers.includes(m.userId)} onChange={() => toggleApprover(m.userId)} />
                  <span className="font-medium">{m.name}</span>
                  <span className="break-all text-slate-600 dark:text-slate-400">
                    {m.email} · {m.role}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <fieldset className="card space-y-2" disabled={!canManage}>
        <legend className="text-base font-semibold">Edits after approval</legend>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Editing approved content sends it back to review. You may let typo fixes keep the approval: an edit changing at most this many characters keeps it,
          and says so in the comment thread and the audit log. 0 means every edit needs a new review.
        </p>
        <label htmlFor="minor-edit-chars" className="label">
          Characters a minor edit may change (0–50)
        </label>
        <input
          id="minor-edit-chars"
          type="number"
          min={0}
          max={50}
          className="input w-32"
          value={v.minor_edit_chars}
          onChange={(e) => setV((x) => ({ ...x, minor_edit_chars: e.target.value === "" ? 0 : Number(e.target.value) }))}
        />
      </fieldset>

      <fieldset className="card space-y-2" disabled={!canManage}>
        <legend className="text-base font-semibold">Reviewers without an account</legend>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-1"
            checked={v.allow_external_approvers}
            onChange={(e) => setV((x) => ({ ...x, allow_external_approvers: e.target.checked }))}
          />
          <span>
            <span className="font-medium">Let review links approve</span>
            <span className="block text-slate-600 dark:text-slate-400">
              A client who approves or requests changes through a review link decides the post&apos;s approval. Off: their decision is added to the review
              thread as a comment, and a member decides.
            </span>
          </span>
        </label>
      </fieldset>

      {canManage ? (
        <div className="space-y-2">
          <FormError message={error} />
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? "Saving…" : "Save policy"}
          </button>
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Only admins can change the approval policy.</p>
      )}
    </form>
  );
}

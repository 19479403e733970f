"use client";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { useState } from "react";
import Link from "next/link";
import { addRecommendedRulesAction, deleteAlertRuleAction, updateAlertRuleAction } from "@/app/_actions/alerts";
import { KIND_LABELS } from "@/lib/alerts/kinds";
import { FormError } from "@/components/ui/FormError";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { RuleForm, type RuleDraft } from "./RuleForm";

export interface RuleItem extends RuleDraft {
  id: string;
  description: string;
  firing: number;
}

const minutes = (m: number) => (m >= 60 && m % 60 === 0 ? `${m / 60} h` : `${m} min`);

function RuleRow({ rule, canEdit }: { rule: RuleItem; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const { pending, error, run } = useActionRunner();
  const notify = useToast();
  const ws = useWorkspaceId();
  const title = KIND_LABELS[rule.kind].label;
  if (editing)
    return (
      <li className="px-4 py-3" data-testid="alert-rule">
        <h3 className="mb-2 text-sm font-semibold">{title}</h3>
        <RuleForm initial={rule} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />
      </li>
    );
  return (
    <li className="flex flex-wrap items-start gap-3 px-4 py-3" data-testid="alert-rule">
      <div className="min-w-0 flex-1 basis-64">
        <div className="flex flex-wrap items-center gap-2 font-medium">
          {title}
          {!rule.enabled && <span className="rounded bg-slate-100 px-1.5 text-xs font-normal text-slate-700 dark:bg-slate-800 dark:text-slate-300">off</span>}
          {rule.firing > 0 && (
            <Link href="/health#alerts" className="rounded bg-red-100 px-1.5 text-xs font-semibold text-red-800 dark:bg-red-950 dark:text-red-200">
              {rule.firing} firing
            </Link>
          )}
        </div>
        <p className="text-sm break-words">{rule.description}</p>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          {rule.forMinutes ? `Fires once it has held for ${minutes(rule.forMinutes)}` : "Fires at once"} ·{" "}
          {rule.resolveAfterMinutes ? `resolves after ${minutes(rule.resolveAfterMinutes)} clear` : "resolves as soon as it is clear"}
        </p>
        <FormError message={error} />
      </div>
      {canEdit && (
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className="btn-secondary py-1"
            disabled={pending}
            aria-label={`${rule.enabled ? "Turn off" : "Turn on"}: ${rule.description}`}
            onClick={() =>
              run(
                () => updateAlertRuleAction({ id: rule.id, patch: { enabled: !rule.enabled } }, ws),
                () => notify(rule.enabled ? "Alert rule turned off" : "Alert rule turned on"),
              )
            }
          >
            {rule.enabled ? "Turn off" : "Turn on"}
          </button>
          <button type="button" className="btn-secondary py-1" disabled={pending} aria-label={`Edit: ${rule.description}`} onClick={() => setEditing(true)}>
            Edit
          </button>
          <ConfirmButton
            disabled={pending}
            label={`Delete: ${rule.description}`}
            question={`Delete the rule “${rule.description}”? Its firing alerts resolve; their history stays on the Health page.`}
            onConfirm={() =>
              run(
                () => deleteAlertRuleAction({ id: rule.id }, ws),
                () => notify("Alert rule deleted"),
              )
            }
          >
            Delete
          </ConfirmButton>
        </div>
      )}
    </li>
  );
}

/** Settings → Alerts: the workspace's rules. Admins edit; everyone else reads. */
export function AlertRulesManager({ rules, canEdit, missingKinds }: { rules: RuleItem[]; canEdit: boolean; missingKinds: number }) {
  const { pending, error, run } = useActionRunner();
  const notify = useToast();
  const ws = useWorkspaceId();
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Every minute the rules are checked. An alert fires once and resolves once: it resolves only when the value is back past the threshold by a margin (a 10
        % rule clears at 8 %) and stays clear for the time the rule sets. Admins hear about both in the app and by email (choose in{" "}
        <Link href="/settings/notifications" className="underline">
          Notifications
        </Link>
        ), and webhooks can subscribe to <code>alert_fired</code> and <code>alert_resolved</code>. Open alerts and their history are on the{" "}
        <Link href="/health#alerts" className="underline">
          Health page
        </Link>
        .
      </p>
      {!canEdit && (
        <p className="rounded-md bg-slate-100 p-2 text-sm dark:bg-slate-800" role="note">
          Only admins change alert rules.
        </p>
      )}
      {canEdit && (
        <details className="card">
          <summary className="cursor-pointer text-base font-semibold">Add a rule</summary>
          <div className="mt-3">
            <RuleForm />
          </div>
        </details>
      )}
      <section className="card p-0" aria-labelledby="alert-rules-title">
        <div className="flex flex-wrap items-center justify-between gap-2 px-4 pt-4">
          <h2 id="alert-rules-title" className="text-base font-semibold">
            Rules
          </h2>
          {canEdit && missingKinds > 0 && (
            <button
              type="button"
              className="btn-secondary py-1"
              disabled={pending}
              onClick={() =>
                run(
                  () => addRecommendedRulesAction({}, ws),
                  (d) => notify(`${d.added} recommended ${d.added === 1 ? "rule" : "rules"} added`),
                )
              }
            >
              {pending ? "Adding…" : "Add recommended rules"}
            </button>
          )}
        </div>
        <div className="px-4">
          <FormError message={error} />
        </div>
        {rules.length === 0 ? (
          <p className="px-4 py-4 text-sm text-slate-600 dark:text-slate-400" data-testid="alert-rules-empty">
            No alert rules: nobody is told when publishing fails or the runner stops.{" "}
            {canEdit ? "Add the recommended ones, or your own." : "Ask an admin to add some."}
          </p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
            {rules.map((r) => (
              <RuleRow key={r.id} rule={r} canEdit={canEdit} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

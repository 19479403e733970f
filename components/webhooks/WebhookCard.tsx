"use client";
import { useFormat } from "@/components/ui/FormatProvider";
import Link from "next/link";
import { useState } from "react";
import { deleteWebhookAction, testWebhookAction, updateWebhookAction } from "@/app/_actions/webhooks";
import { FormError } from "@/components/ui/FormError";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { EVENT_LABELS, type WebhookEvent } from "@/lib/webhooks/validation";
import { WebhookForm } from "./WebhookForm";
import { DeliveryStatus } from "./DeliveryStatus";

export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: string;
  failing: number;
  lastStatus: string | null;
}

/** One webhook: what it sends where, how it is doing, and what an admin can do with it. */
export function WebhookCard({ webhook: w }: { webhook: WebhookView }) {
  const fmt = useFormat();
  const { pending, error, run } = useActionRunner((path) => (path.startsWith("patch.url") ? "Payload URL" : path.startsWith("patch.events") ? "Events" : null));
  const ws = useWorkspaceId();
  const notify = useToast();
  const [editing, setEditing] = useState(false);
  const [testing, setTesting] = useState(false);

  function sendTest() {
    setTesting(true);
    run(
      async () => {
        const res = await testWebhookAction({ id: w.id }, ws);
        setTesting(false);
        return res;
      },
      (d) => {
        if (d.status === "delivered") notify(`Test event delivered (HTTP ${d.httpStatus})`);
        else notify(`Test event not delivered: ${d.httpStatus ? `HTTP ${d.httpStatus}` : (d.excerpt ?? "no answer")}. See the delivery log.`, "error");
      },
    );
  }

  return (
    <li className="card space-y-3" data-testid="webhook-card">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 flex-1">
          <p className="break-all font-mono text-sm font-medium">{w.url}</p>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            Added {fmt.date(w.createdAt)} · last delivery: {w.lastStatus ? <DeliveryStatus status={w.lastStatus} /> : "none yet"}
            {w.failing > 0 && <span className="ml-1 text-red-700 dark:text-red-300">· {w.failing} failed in the last day</span>}
          </p>
        </div>
        <span
          className={`rounded-full px-2 py-0.5 text-xs font-medium ${w.active ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100" : "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100"}`}
        >
          {w.active ? "Active" : "Disabled"}
        </span>
      </div>
      {editing ? (
        <WebhookForm
          initial={{ url: w.url, events: w.events }}
          submitLabel="Save changes"
          pending={pending}
          onCancel={() => setEditing(false)}
          onSubmit={(v) =>
            run(
              () => updateWebhookAction({ id: w.id, patch: { url: v.url, events: v.events } }, ws),
              () => {
                setEditing(false);
                notify("Webhook saved");
              },
            )
          }
        />
      ) : (
        <>
          <ul className="flex flex-wrap gap-1" aria-label="Events">
            {w.events.map((e) => (
              <li key={e} className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                {EVENT_LABELS[e as WebhookEvent] ?? e}
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className="btn-secondary py-1"
              disabled={pending || !w.active}
              onClick={sendTest}
              title={w.active ? undefined : "Enable the webhook to send a test event"}
            >
              {testing ? "Sending…" : "Send test event"}
            </button>
            <Link href={`/settings/webhooks/${w.id}`} className="btn-secondary py-1">
              Delivery log
            </Link>
            <button type="button" className="btn-secondary py-1" disabled={pending} onClick={() => setEditing(true)}>
              Edit
            </button>
            <button
              type="button"
              className="btn-secondary py-1"
              disabled={pending}
              onClick={() =>
                run(
                  () => updateWebhookAction({ id: w.id, patch: { active: !w.active } }, ws),
                  () => notify(w.active ? "Webhook disabled" : "Webhook enabled"),
                )
              }
            >
              {w.active ? "Disable" : "Enable"}
            </button>
            <button
              type="button"
              className="btn-danger py-1"
              disabled={pending}
              onClick={() => {
                if (confirm(`Delete the webhook to ${w.url}? Its delivery log goes with it.`))
                  run(
                    () => deleteWebhookAction({ id: w.id }, ws),
                    () => notify("Webhook deleted"),
                  );
              }}
            >
              Delete
            </button>
          </div>
        </>
      )}
      <FormError message={error} />
    </li>
  );
}

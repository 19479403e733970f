"use client";
import { useState } from "react";
import { createWebhookAction } from "@/app/_actions/webhooks";
import { FormError } from "@/components/ui/FormError";
import { CopyField } from "@/components/ui/CopyField";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { WebhookForm } from "./WebhookForm";
import { WebhookCard, type WebhookView } from "./WebhookCard";

const FIELD_LABELS: Record<string, string> = { url: "Payload URL", events: "Events", secret: "Signing secret" };

export function WebhookManager({ webhooks }: { webhooks: WebhookView[] }) {
  const { pending, error, run } = useActionRunner((path) => FIELD_LABELS[path.split(".")[0]!] ?? null);
  const ws = useWorkspaceId();
  const notify = useToast();
  const [fresh, setFresh] = useState<{ url: string; secret: string } | null>(null);

  return (
    <div className="space-y-6">
      <section className="card" aria-labelledby="add-webhook">
        <h2 id="add-webhook" className="mb-1 text-base font-semibold">
          Add a webhook
        </h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          We POST JSON to your URL when the events you pick happen, signed in the{" "}
          <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">X-Scheduler-Signature</code> header. Failed deliveries are retried with backoff. See the
          README for verifying signatures.
        </p>
        <WebhookForm
          withSecret
          submitLabel="Add webhook"
          pending={pending}
          onSubmit={(v, reset) => {
            setFresh(null);
            run(
              () => createWebhookAction(v, ws),
              (data) => {
                reset();
                setFresh({ url: data.url, secret: data.secret });
                notify("Webhook added");
              },
            );
          }}
        />
        <div className="mt-3">
          <FormError message={error} />
        </div>
        {fresh && (
          <div role="status" className="mt-3 space-y-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
            <p className="break-all">
              Webhook to <strong>{fresh.url}</strong> added. Copy its signing secret now: it is shown only once.
            </p>
            <CopyField value={fresh.secret} label="Signing secret" />
          </div>
        )}
      </section>
      <section aria-labelledby="webhook-list" className="space-y-3">
        <h2 id="webhook-list" className="text-base font-semibold">
          Webhooks
        </h2>
        {webhooks.length === 0 ? (
          <p className="card text-sm text-slate-600 dark:text-slate-400">
            No webhooks yet. Add one above to have other systems told when posts are scheduled, published or fail.
          </p>
        ) : (
          <ul className="space-y-3">
            {webhooks.map((w) => (
              <WebhookCard key={w.id} webhook={w} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

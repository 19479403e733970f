"use client";
import { useId } from "react";
import { UrlField } from "@/components/ui/UrlField";
import { useToggleSet } from "@/components/ui/useToggleSet";
import { EVENT_LABELS, WEBHOOK_EVENTS, type WebhookEvent } from "@/lib/webhooks/validation";

export interface WebhookFormValue {
  url: string;
  events: WebhookEvent[];
  secret?: string;
}

/**
 * URL, events and (when adding) an optional secret. Only shapes the input: the server checks
 * everything again (private addresses, the event list) and its message is shown above.
 */
export function WebhookForm({
  initial,
  withSecret,
  submitLabel,
  pending,
  onSubmit,
  onCancel,
}: {
  initial?: { url: string; events: string[] };
  withSecret?: boolean;
  submitLabel: string;
  pending: boolean;
  onSubmit: (v: WebhookFormValue, reset: () => void) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const [events, toggle, resetEvents] = useToggleSet(initial?.events ?? ["publishing_completed", "publishing_failed"]);

  function submit(ev: React.FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const form = ev.currentTarget;
    const data = new FormData(form);
    const secret = String(data.get("secret") ?? "").trim();
    onSubmit(
      { url: String(data.get("url") ?? "").trim(), events: WEBHOOK_EVENTS.filter((e) => events.has(e)), ...(withSecret && secret ? { secret } : {}) },
      () => {
        form.reset();
        resetEvents(["publishing_completed", "publishing_failed"]);
      },
    );
  }

  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <UrlField id={`${id}-url`} label="Payload URL" defaultValue={initial?.url} placeholder="https://example.com/hooks/scheduler" />
      <fieldset>
        <legend className="label">Events</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {WEBHOOK_EVENTS.map((e) => (
            <label key={e} className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50 dark:hover:bg-slate-800">
              <input type="checkbox" name="events" value={e} checked={events.has(e)} onChange={() => toggle(e)} className="h-4 w-4 accent-brand-600" />
              <span>{EVENT_LABELS[e]}</span>
              <code className="hidden text-xs text-slate-500 dark:text-slate-400 md:inline">{e}</code>
            </label>
          ))}
        </div>
      </fieldset>
      {withSecret && (
        <div>
          <label htmlFor={`${id}-secret`} className="label">
            Signing secret (optional)
          </label>
          <input
            id={`${id}-secret`}
            name="secret"
            type="text"
            minLength={16}
            maxLength={200}
            className="input font-mono"
            autoComplete="off"
            aria-describedby={`${id}-secret-help`}
          />
          <p id={`${id}-secret-help`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            Leave empty to have one generated. It is shown once, then only used to sign deliveries.
          </p>
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn-secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

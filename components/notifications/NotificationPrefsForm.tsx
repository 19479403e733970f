"use client";
import { useState } from "react";
import { setNotificationPrefsAction } from "@/app/_actions/notifications";
import { TimeZoneSelect } from "@/components/settings/TimeZoneSelect";
import { FormError } from "@/components/ui/FormError";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { TRIGGER_LABELS, TRIGGERS, type ChannelChoice, type QuietHours, type Trigger } from "@/lib/notifications/prefs";

export interface PrefsValue {
  triggers: Record<Trigger, ChannelChoice>;
  digest: boolean;
  quiet_hours: QuietHours;
}

const FIELD_LABELS: Record<string, string> = {
  "quiet_hours.start": "Quiet from",
  "quiet_hours.end": "Quiet until",
  "quiet_hours.timezone": "Quiet hours time zone",
};

/** The person's notification choices: per trigger in the app and by email, daily digest, quiet hours. */
export function NotificationPrefsForm({ initial, emailEnabled }: { initial: PrefsValue; emailEnabled: boolean }) {
  const [triggers, setTriggers] = useState(initial.triggers);
  const [quiet, setQuiet] = useState(initial.quiet_hours);
  const [digest, setDigest] = useState(initial.digest);
  const { pending, error, run } = useActionRunner((path) => FIELD_LABELS[path] ?? null);
  const notify = useToast();
  const ws = useWorkspaceId();
  const toggle = (t: Trigger, c: keyof ChannelChoice) => setTriggers((v) => ({ ...v, [t]: { ...v[t], [c]: !v[t][c] } }));

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    run(
      () => setNotificationPrefsAction({ triggers, digest, quiet_hours: quiet }, ws),
      () => notify("Notification settings saved"),
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-6" noValidate aria-label="Notification settings">
      {!emailEnabled && (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100" data-testid="email-off">
          Email is not set up on this server (SMTP_URL), so only in-app notifications are delivered. Your email choices apply once it is.
        </p>
      )}
      <section className="card" aria-labelledby="np-triggers">
        <h2 id="np-triggers" className="text-base font-semibold">
          What reaches you
        </h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">For each event, in the app (the bell) and by email.</p>
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {TRIGGERS.map((t) => (
            <li key={t} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between" data-testid="trigger-row">
              <div>
                <p className="text-sm font-medium">{TRIGGER_LABELS[t].label}</p>
                <p className="text-xs text-slate-600 dark:text-slate-400">Sent {TRIGGER_LABELS[t].who}</p>
              </div>
              <div className="flex gap-5">
                {(["in_app", "email"] as const).map((c) => (
                  <label key={c} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      className="h-4 w-4"
                      checked={triggers[t][c]}
                      onChange={() => toggle(t, c)}
                      disabled={pending}
                      aria-label={`${TRIGGER_LABELS[t].label}: ${c === "in_app" ? "in the app" : "by email"}`}
                    />
                    <span aria-hidden>{c === "in_app" ? "In the app" : "Email"}</span>
                  </label>
                ))}
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section className="card space-y-3" aria-labelledby="np-digest">
        <h2 id="np-digest" className="text-base font-semibold">
          Daily digest
        </h2>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-0.5 h-4 w-4" checked={digest} onChange={(e) => setDigest(e.target.checked)} disabled={pending} />
          <span>Email me one summary each morning of what was published and what failed the day before (nothing is sent after a quiet day).</span>
        </label>
      </section>

      <section className="card space-y-4" aria-labelledby="np-quiet">
        <div>
          <h2 id="np-quiet" className="text-base font-semibold">
            Quiet hours
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">Emails wait until quiet hours end, then go out. In-app notifications still show.</p>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="h-4 w-4"
            checked={quiet.enabled}
            onChange={(e) => setQuiet({ ...quiet, enabled: e.target.checked })}
            disabled={pending}
          />
          <span>Hold emails during quiet hours</span>
        </label>
        <div className="grid max-w-md grid-cols-2 gap-3">
          <div>
            <label htmlFor="np-start" className="label">
              Quiet from
            </label>
            <input
              id="np-start"
              type="time"
              className="input"
              value={quiet.start}
              onChange={(e) => setQuiet({ ...quiet, start: e.target.value })}
              disabled={pending || !quiet.enabled}
              required
            />
          </div>
          <div>
            <label htmlFor="np-end" className="label">
              Quiet until
            </label>
            <input
              id="np-end"
              type="time"
              className="input"
              value={quiet.end}
              onChange={(e) => setQuiet({ ...quiet, end: e.target.value })}
              disabled={pending || !quiet.enabled}
              required
            />
          </div>
        </div>
        <TimeZoneSelect
          id="np-zone"
          label="Quiet hours time zone"
          value={quiet.timezone}
          onChange={(z) => setQuiet({ ...quiet, timezone: z })}
          disabled={pending || !quiet.enabled}
        />
      </section>

      <FormError message={error} />
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Saving…" : "Save notification settings"}
      </button>
    </form>
  );
}

"use client";
import { useState, useTransition } from "react";
import { updateScheduleAction } from "@/app/_actions/schedules";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { FormError } from "@/components/ui/FormError";
import { schedulePatchSchema } from "@/lib/validation/schedules";
import type { ScheduleDetails } from "@/lib/scheduling/details";

const STRATEGIES = [
  { value: "exponential", label: "Exponential", hint: "waits longer after each failure" },
  { value: "linear", label: "Linear", hint: "waits the same step longer each time" },
  { value: "custom", label: "Custom delays", hint: "you list the waits" },
] as const;
const MISSED = [
  { value: "publish_late", label: "Publish late" },
  { value: "skip", label: "Skip it" },
  { value: "ask", label: "Ask me (Needs a decision)" },
] as const;

/** "60, 300, 900" → [60, 300, 900]; anything else is left for the schema to refuse. */
function parseDelays(text: string): unknown {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

const FIELD_LABEL: Record<string, string> = {
  retry_delays: "Delays",
  max_retries: "Max retries",
  priority: "Priority",
  missed_policy: "Missed policy",
  retry_strategy: "Strategy",
};

/** Retry strategy, delays, max retries, priority and missed policy of one schedule: checked here with the API's schema, then by the server. */
export function RetrySettingsForm({ details, onSaved, onCancel }: { details: ScheduleDetails; onSaved: () => void; onCancel: () => void }) {
  const ws = useWorkspaceId();
  const [strategy, setStrategy] = useState(details.retryStrategy);
  const [delays, setDelays] = useState(details.retryDelays.join(", "));
  const [maxRetries, setMaxRetries] = useState(String(details.maxRetries));
  const [priority, setPriority] = useState(details.priority);
  const [missed, setMissed] = useState(details.missedPolicy);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    const patch = {
      retry_strategy: strategy,
      ...(strategy === "custom" ? { retry_delays: parseDelays(delays) } : {}),
      max_retries: maxRetries.trim() === "" ? Number.NaN : Number(maxRetries),
      priority,
      missed_policy: missed,
      version: details.version,
    };
    const parsed = schedulePatchSchema.safeParse(patch);
    const found: Record<string, string> = {};
    if (!parsed.success)
      for (const i of parsed.error.issues)
        found[String(i.path[0] ?? "_")] ??= i.path[0] === "retry_delays" ? "Enter whole seconds (1 to 604800), separated by commas, at most 20." : i.message;
    if (strategy === "custom" && !delays.trim()) found.retry_delays = "List at least one delay, in seconds.";
    setFields(found);
    if (Object.keys(found).length || !parsed.success) return;
    start(async () => {
      const res = await updateScheduleAction({ id: details.id, patch: parsed.data }, ws);
      if (res.ok) return onSaved();
      setFields(res.error.fields ?? {});
      setError(res.error.message);
    });
  }

  const err = (k: string) =>
    fields[k] ? (
      <p id={`rs-${k}-err`} className="mt-1 text-xs text-red-700 dark:text-red-300">
        {FIELD_LABEL[k] ?? k}: {fields[k]}
      </p>
    ) : null;
  const described = (k: string) => (fields[k] ? { "aria-invalid": true, "aria-describedby": `rs-${k}-err` } : {});

  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Retry settings" noValidate>
      <fieldset>
        <legend className="label">Retry strategy</legend>
        <div className="space-y-1">
          {STRATEGIES.map((s) => (
            <label key={s.value} className="flex items-start gap-2 text-sm">
              <input type="radio" name="strategy" value={s.value} checked={strategy === s.value} onChange={() => setStrategy(s.value)} className="mt-1" />
              <span>
                {s.label} <span className="text-slate-600 dark:text-slate-400">— {s.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {strategy === "custom" && (
        <div>
          <label htmlFor="rs-delays" className="label">
            Delays before each retry (seconds, comma-separated)
          </label>
          <input
            id="rs-delays"
            className="input"
            inputMode="numeric"
            placeholder="60, 300, 900"
            value={delays}
            onChange={(e) => setDelays(e.target.value)}
            {...described("retry_delays")}
          />
          {err("retry_delays")}
        </div>
      )}
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor="rs-max" className="label">
            Max retries
          </label>
          <input
            id="rs-max"
            className="input"
            type="number"
            min={0}
            max={20}
            step={1}
            value={maxRetries}
            onChange={(e) => setMaxRetries(e.target.value)}
            {...described("max_retries")}
          />
          {err("max_retries")}
        </div>
        <div>
          <label htmlFor="rs-priority" className="label">
            Priority
          </label>
          <select id="rs-priority" className="input" value={priority} onChange={(e) => setPriority(e.target.value as typeof priority)}>
            <option value="low">Low</option>
            <option value="normal">Normal</option>
            <option value="high">High</option>
          </select>
          {err("priority")}
        </div>
        <div>
          <label htmlFor="rs-missed" className="label">
            If missed
          </label>
          <select id="rs-missed" className="input" value={missed} onChange={(e) => setMissed(e.target.value as typeof missed)}>
            {MISSED.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
          {err("missed_policy")}
        </div>
      </div>
      <FormError message={error} />
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Close
        </button>
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : "Save retry settings"}
        </button>
      </div>
    </form>
  );
}

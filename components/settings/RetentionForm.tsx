"use client";
import { useEffect, useRef, useState } from "react";
import { previewRetentionAction, saveRetentionAction } from "@/app/_actions/retention";
import { RETENTION_KINDS, RETENTION_RULES, type RetentionKind, type RetentionPreview, type RetentionView } from "@/lib/retention/settings";
import { FormError } from "@/components/ui/FormError";
import { useFormat } from "@/components/ui/FormatProvider";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { confirmQuestion, daysText, readRows, rowsFrom, type RowInput, type Rows } from "./retention";

/**
 * How long the workspace keeps each kind of history. Admins edit; everyone sees the settings and
 * what they remove. "Would remove now" follows the values as they are typed (counted by the
 * server a moment after the last change), and a save that removes rows asks first.
 */
export function RetentionForm({ view, preview, canEdit }: { view: RetentionView; preview: RetentionPreview; canEdit: boolean }) {
  const fmt = useFormat();
  const notify = useToast();
  const ws = useWorkspaceId();
  const [rows, setRows] = useState<Rows>(() => rowsFrom(view.settings));
  const [saved, setSaved] = useState(() => JSON.stringify(rowsFrom(view.settings)));
  const [counts, setCounts] = useState(preview.would_remove);
  const [counting, setCounting] = useState(false);
  const { pending, error, setError, run } = useActionRunner();
  const { values, errors } = readRows(rows);
  const dirty = JSON.stringify(rows) !== saved;
  const asking = JSON.stringify(values);
  const counted = useRef(JSON.stringify(readRows(rowsFrom(view.settings)).values));
  const latest = useRef(0);

  useEffect(() => {
    if (asking === counted.current) return;
    const ask = ++latest.current;
    setCounting(true);
    const timer = setTimeout(async () => {
      const res = await previewRetentionAction(JSON.parse(asking), ws);
      if (ask !== latest.current) return; // a later change asked again
      setCounting(false);
      if (res.ok) {
        counted.current = asking;
        setCounts(res.data.would_remove);
      } else setError(res.error.message);
    }, 300);
    return () => clearTimeout(timer);
  }, [asking, ws, setError]);

  const set = (kind: RetentionKind, patch: Partial<RowInput>) => setRows((r) => ({ ...r, [kind]: { ...r[kind], ...patch } }));

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const bad = RETENTION_KINDS.find((k) => errors[k]);
    if (bad) return setError(`${RETENTION_RULES[bad].label}: ${errors[bad]}`);
    run(
      async () => {
        // Counted again at the moment of saving: the question names what goes now.
        const now = await previewRetentionAction(values, ws);
        if (!now.ok) return now;
        setCounts(now.data.would_remove);
        const question = confirmQuestion(now.data.would_remove, (n) => fmt.number(n));
        if (question && !window.confirm(question)) return { ok: true as const, data: null };
        return saveRetentionAction(values, ws);
      },
      (data) => {
        if (!data) return;
        const next = rowsFrom(data.settings);
        setRows(next);
        setSaved(JSON.stringify(next));
        notify("Retention saved");
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Retention" className="space-y-5">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        How long this workspace keeps its history. Every hour, rows older than the setting are removed for good, a batch at a time. What the app still needs
        stays whatever its age: attempts of posts still to publish, events not yet handled, webhook deliveries still to send.
      </p>
      {!canEdit && (
        <p className="rounded-md bg-slate-100 p-2 text-sm dark:bg-slate-800" role="note">
          Only admins change how long history is kept.
        </p>
      )}
      <fieldset disabled={!canEdit || pending} className="space-y-4">
        <legend className="sr-only">Retention per kind</legend>
        {RETENTION_KINDS.map((kind) => {
          const rule = RETENTION_RULES[kind];
          const row = rows[kind];
          const id = `retention-${kind}`;
          return (
            <section key={kind} className="card space-y-3" aria-labelledby={`${id}-title`} data-testid={id}>
              <div>
                <h2 id={`${id}-title`} className="text-base font-semibold">
                  {rule.label}
                </h2>
                <p className="text-sm text-slate-600 dark:text-slate-400">{rule.description}</p>
              </div>
              <div className="flex flex-wrap items-end gap-x-5 gap-y-3">
                <div className="w-40">
                  <label htmlFor={`${id}-days`} className="label">
                    Days kept<span className="sr-only"> ({rule.label})</span>
                  </label>
                  <input
                    id={`${id}-days`}
                    type="number"
                    inputMode="numeric"
                    className="input"
                    min={rule.minDays}
                    max={rule.maxDays}
                    step={1}
                    value={row.days}
                    disabled={row.forever}
                    aria-invalid={errors[kind] ? true : undefined}
                    aria-describedby={`${id}-hint`}
                    onChange={(e) => set(kind, { days: e.target.value })}
                  />
                </div>
                {rule.forever && (
                  <label className="flex items-center gap-2 pb-2 text-sm font-medium">
                    <input type="checkbox" className="h-4 w-4" checked={row.forever} onChange={(e) => set(kind, { forever: e.target.checked })} />
                    Keep forever<span className="sr-only"> ({rule.label})</span>
                  </label>
                )}
              </div>
              <p id={`${id}-hint`} className={`text-sm ${errors[kind] ? "text-red-700 dark:text-red-300" : "text-slate-600 dark:text-slate-400"}`}>
                {errors[kind] ?? `From ${rule.minDays} to ${daysText(rule.maxDays)}${rule.forever ? ", or keep forever" : ""}.`} Default:{" "}
                {daysText(rule.defaultDays)}.
              </p>
              <p className="text-sm font-medium" aria-live="polite" aria-busy={counting} data-testid={`${id}-remove`}>
                Would remove now: {errors[kind] ? "—" : fmt.number(counts[kind])}
              </p>
            </section>
          );
        })}
      </fieldset>
      {canEdit && (
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className="btn-primary" disabled={pending || !dirty}>
            {pending ? "Saving…" : "Save retention"}
          </button>
          {dirty && !pending && <span className="text-sm text-slate-600 dark:text-slate-400">Unsaved changes</span>}
        </div>
      )}
      <FormError message={error} />
    </form>
  );
}

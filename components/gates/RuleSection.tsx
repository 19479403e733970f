import type { Severity } from "@/lib/gates/rules";

/** One rule of the quality gates: on/off, what a failure does, and the rule's own settings. */
export function RuleSection({
  id,
  title,
  description,
  enabled,
  onEnabled,
  severity,
  onSeverity,
  children,
}: {
  id: string;
  title: string;
  description: string;
  enabled: boolean;
  onEnabled: (v: boolean) => void;
  severity?: Severity;
  onSeverity?: (v: Severity) => void;
  children?: React.ReactNode;
}) {
  return (
    <section className="card space-y-3" aria-labelledby={`${id}-title`} data-testid={`gate-${id}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1 basis-64">
          <h2 id={`${id}-title`} className="text-base font-semibold">
            {title}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{description}</p>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex items-center gap-2 text-sm font-medium">
            <input type="checkbox" className="h-4 w-4" checked={enabled} onChange={(e) => onEnabled(e.target.checked)} />
            On
            <span className="sr-only"> ({title})</span>
          </label>
          {severity && onSeverity && (
            <div>
              <label htmlFor={`${id}-severity`} className="label">
                When it fails
              </label>
              <SeveritySelect id={`${id}-severity`} value={severity} onChange={onSeverity} />
            </div>
          )}
        </div>
      </div>
      {children}
    </section>
  );
}

export function SeveritySelect({ id, value, onChange, label }: { id: string; value: Severity; onChange: (v: Severity) => void; label?: string }) {
  return (
    <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value as Severity)} aria-label={label}>
      <option value="error">Block (error)</option>
      <option value="warning">Warn (can be acknowledged)</option>
    </select>
  );
}

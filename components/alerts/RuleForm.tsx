"use client";
import { useState } from "react";
import { createAlertRuleAction, updateAlertRuleAction } from "@/app/_actions/alerts";
import { ALERT_RULE_KINDS, KIND_LABELS, PARAM_FIELDS, RECOMMENDED_RULES, type AlertRuleKind } from "@/lib/alerts/kinds";
import { PLATFORMS } from "@/adapters/types";
import { platformName } from "@/adapters/registry";
import { FormFooter } from "@/components/ui/FormFooter";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";

export interface RuleDraft {
  id?: string;
  kind: AlertRuleKind;
  params: Record<string, unknown>;
  enabled: boolean;
  forMinutes: number;
  resolveAfterMinutes: number;
}

const COMMON_LABELS: Record<string, string> = {
  for_minutes: "Fire after the condition held for",
  resolve_after_minutes: "Resolve after it stayed clear for",
  kind: "Kind",
};

/** "params.over_percent" → the field's label, for the form's error line. */
function labelOf(kind: AlertRuleKind, path: string): string | null {
  const key = path.replace(/^params\./, "");
  return PARAM_FIELDS[kind].find((f) => f.key === key)?.label ?? COMMON_LABELS[key] ?? null;
}

/** A new rule of a kind starts from the recommended one. */
function fresh(kind: AlertRuleKind): RuleDraft {
  const r = RECOMMENDED_RULES.find((d) => d.kind === kind)!;
  return { kind, params: { ...r.params }, enabled: true, forMinutes: r.forMinutes, resolveAfterMinutes: r.resolveAfterMinutes };
}

/** Reads the form: numbers as numbers, an empty number left out (its default applies). */
function readParams(kind: AlertRuleKind, form: FormData) {
  const params: Record<string, unknown> = {};
  for (const f of PARAM_FIELDS[kind]) {
    const raw = form.get(f.key);
    if (f.type === "boolean") params[f.key] = raw === "on";
    else if (f.type === "platform") params[f.key] = raw ? String(raw) : null;
    else if (raw !== null && String(raw).trim() !== "") params[f.key] = Number(raw);
  }
  return params;
}

const minutes = (form: FormData, key: string) => {
  const raw = String(form.get(key) ?? "").trim();
  return raw === "" ? undefined : Number(raw);
};

/** Adds a rule (no `initial`) or changes one; the kind of an existing rule stays. */
export function RuleForm({ initial, onDone, onCancel }: { initial?: RuleDraft; onDone?: () => void; onCancel?: () => void }) {
  const [draft, setDraft] = useState<RuleDraft>(initial ?? fresh("failure_rate"));
  const [formKey, setFormKey] = useState(0);
  const { pending, error, run } = useActionRunner((path) => labelOf(draft.kind, path));
  const notify = useToast();
  const ws = useWorkspaceId();
  const prefix = initial?.id ? `rule-${initial.id}` : "new-rule";

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const params = readParams(draft.kind, form);
    const common = {
      enabled: form.get("enabled") === "on",
      for_minutes: minutes(form, "for_minutes"),
      resolve_after_minutes: minutes(form, "resolve_after_minutes"),
    };
    if (initial?.id) {
      run(
        () => updateAlertRuleAction({ id: initial.id, patch: { params, ...common } }, ws),
        () => {
          notify("Alert rule saved");
          onDone?.();
        },
      );
    } else {
      const body = { kind: draft.kind, params: Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null)), ...common };
      run(
        () => createAlertRuleAction(body, ws),
        () => {
          notify("Alert rule added");
          setDraft(fresh(draft.kind));
          setFormKey((k) => k + 1);
          onDone?.();
        },
      );
    }
  }

  return (
    <form
      key={formKey}
      onSubmit={onSubmit}
      noValidate
      className="grid grid-cols-1 gap-3 sm:grid-cols-2"
      aria-label={initial?.id ? `Edit ${KIND_LABELS[draft.kind].label}` : "New alert rule"}
    >
      {!initial?.id && (
        <div className="col-span-full">
          <label htmlFor={`${prefix}-kind`} className="label">
            Kind
          </label>
          <select
            id={`${prefix}-kind`}
            name="kind"
            className="input"
            value={draft.kind}
            onChange={(e) => setDraft(fresh(e.target.value as AlertRuleKind))}
            disabled={pending}
          >
            {ALERT_RULE_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k].label}
              </option>
            ))}
          </select>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{KIND_LABELS[draft.kind].hint}</p>
        </div>
      )}
      {PARAM_FIELDS[draft.kind].map((f) => {
        const id = `${prefix}-${f.key}`;
        const key = `${draft.kind}-${f.key}`; // a kind's own input, so its default shows when the kind changes
        const value = draft.params[f.key];
        if (f.type === "boolean")
          return (
            <label key={key} className="flex items-center gap-2 self-end text-sm font-medium">
              <input type="checkbox" name={f.key} className="h-4 w-4" defaultChecked={value === true} disabled={pending} />
              {f.label}
            </label>
          );
        if (f.type === "platform")
          return (
            <div key={key}>
              <label htmlFor={id} className="label">
                {f.label}
              </label>
              <select id={id} name={f.key} className="input" defaultValue={typeof value === "string" ? value : ""} disabled={pending}>
                <option value="">Any platform (each on its own)</option>
                {PLATFORMS.map((p) => (
                  <option key={p} value={p}>
                    {platformName(p)}
                  </option>
                ))}
              </select>
            </div>
          );
        return (
          <div key={key}>
            <label htmlFor={id} className="label">
              {f.label}
              {f.unit ? ` (${f.unit})` : ""}
            </label>
            <input
              id={id}
              name={f.key}
              type="number"
              inputMode="decimal"
              className="input"
              min={f.min}
              max={f.max}
              step={f.step ?? 1}
              defaultValue={typeof value === "number" ? value : ""}
              disabled={pending}
            />
          </div>
        );
      })}
      <div>
        <label htmlFor={`${prefix}-for`} className="label">
          {COMMON_LABELS.for_minutes} (minutes)
        </label>
        <input
          key={`${draft.kind}-for`}
          id={`${prefix}-for`}
          name="for_minutes"
          type="number"
          className="input"
          min={0}
          max={1440}
          defaultValue={draft.forMinutes}
          disabled={pending}
        />
      </div>
      <div>
        <label htmlFor={`${prefix}-resolve`} className="label">
          {COMMON_LABELS.resolve_after_minutes} (minutes)
        </label>
        <input
          key={`${draft.kind}-resolve`}
          id={`${prefix}-resolve`}
          name="resolve_after_minutes"
          type="number"
          className="input"
          min={0}
          max={1440}
          defaultValue={draft.resolveAfterMinutes}
          disabled={pending}
        />
      </div>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="enabled" className="h-4 w-4" defaultChecked={draft.enabled} disabled={pending} />
        On
      </label>
      <FormFooter error={error} pending={pending} label={initial?.id ? ["Save rule", "Saving…"] : ["Add rule", "Saving…"]} onCancel={onCancel} />
    </form>
  );
}

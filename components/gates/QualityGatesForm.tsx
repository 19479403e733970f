"use client";
import { useState } from "react";
import { saveQualityGatesAction } from "@/app/_actions/gates";
import type { QualityGates } from "@/lib/gates/rules";
import { FormError } from "@/components/ui/FormError";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { BannedWordsEditor } from "./BannedWordsEditor";
import { RequiredFieldsEditor } from "./RequiredFieldsEditor";
import { RuleSection } from "./RuleSection";

const FIELD_NAMES: Record<string, string> = {
  banned_words: "Banned words",
  required_fields: "Required fields",
  link_check: "Link check",
  alt_text: "Alt text",
  platform_limits: "Platform limits",
};

/** The workspace's quality gates. Admins edit; everyone else sees the same form, read-only. */
export function QualityGatesForm({ initial, canEdit }: { initial: QualityGates; canEdit: boolean }) {
  const [rules, setRules] = useState<QualityGates>(initial);
  const [saved, setSaved] = useState(JSON.stringify(initial));
  const { pending, error, run } = useActionRunner((path) => FIELD_NAMES[path.split(".")[0]!] ?? null);
  const notify = useToast();
  const ws = useWorkspaceId();
  const set = <K extends keyof QualityGates>(key: K, patch: Partial<QualityGates[K]>) => setRules((r) => ({ ...r, [key]: { ...r[key], ...patch } }));
  const dirty = JSON.stringify(rules) !== saved;

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    run(
      () => saveQualityGatesAction(rules, ws),
      (data) => {
        setRules(data);
        setSaved(JSON.stringify(data));
        notify("Quality gates saved");
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Quality gates" className="space-y-5">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Checked when content is submitted for review and again right before it publishes. A rule set to block stops the submit (and fails the post at publish
        time); a warning can be acknowledged at submit and never stops a publish.
      </p>
      {!canEdit && (
        <p className="rounded-md bg-slate-100 p-2 text-sm dark:bg-slate-800" role="note">
          Only admins change these rules. You can see here what your posts are checked for.
        </p>
      )}
      <fieldset disabled={!canEdit || pending} className="space-y-5">
        <legend className="sr-only">Rules</legend>
        <RuleSection
          id="platform-limits"
          title="Platform limits"
          description="Each platform's own limits: length, number of images, sizes, thread parts. Problems the platform would refuse follow the setting here; the platforms' own warnings stay warnings."
          enabled={rules.platform_limits.enabled}
          onEnabled={(enabled) => set("platform_limits", { enabled })}
          severity={rules.platform_limits.severity}
          onSeverity={(severity) => set("platform_limits", { severity })}
        />
        <RuleSection
          id="required-fields"
          title="Required fields"
          description="What every piece of content of a type must have before it goes to review."
          enabled={rules.required_fields.enabled}
          onEnabled={(enabled) => set("required_fields", { enabled })}
          severity={rules.required_fields.severity}
          onSeverity={(severity) => set("required_fields", { severity })}
        >
          <RequiredFieldsEditor value={rules.required_fields.by_type} onChange={(by_type) => set("required_fields", { by_type })} />
        </RuleSection>
        <RuleSection
          id="banned-words"
          title="Banned words and phrases"
          description="Looked for in the title, summary, text, tags and every platform's own text. Each entry blocks or warns."
          enabled={rules.banned_words.enabled}
          onEnabled={(enabled) => set("banned_words", { enabled })}
        >
          <BannedWordsEditor entries={rules.banned_words.entries} onChange={(entries) => set("banned_words", { entries })} />
        </RuleSection>
        <RuleSection
          id="link-check"
          title="Link check"
          description="Every http(s) link in the text and in the platforms' own texts must answer with success or a redirect. Links to private network addresses are refused."
          enabled={rules.link_check.enabled}
          onEnabled={(enabled) => set("link_check", { enabled })}
          severity={rules.link_check.severity}
          onSeverity={(severity) => set("link_check", { severity })}
        >
          <div className="max-w-xs">
            <label htmlFor="link-timeout" className="label">
              Wait per link (seconds)
            </label>
            <input
              id="link-timeout"
              type="number"
              className="input"
              min={0.5}
              max={15}
              step={0.5}
              inputMode="decimal"
              value={rules.link_check.timeout_ms / 1000}
              onChange={(e) => set("link_check", { timeout_ms: Math.round(Number(e.target.value) * 1000) })}
            />
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">From 0.5 to 15 seconds. A link that takes longer fails.</p>
          </div>
        </RuleSection>
        <RuleSection
          id="alt-text"
          title="Alt text on images"
          description="Every attached image needs a description for people who use screen readers (set it on the image in the composer)."
          enabled={rules.alt_text.enabled}
          onEnabled={(enabled) => set("alt_text", { enabled })}
          severity={rules.alt_text.severity}
          onSeverity={(severity) => set("alt_text", { severity })}
        />
      </fieldset>
      {canEdit && (
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className="btn-primary" disabled={pending || !dirty}>
            {pending ? "Saving…" : "Save rules"}
          </button>
          {dirty && !pending && <span className="text-sm text-slate-600 dark:text-slate-400">Unsaved changes</span>}
        </div>
      )}
      <FormError message={error} />
    </form>
  );
}

"use client";
import { useState } from "react";
import { customVariables, templateProblems } from "@/lib/templates/render";
import { FormError } from "@/components/ui/FormError";
import { PlatformChecks } from "./PlatformChecks";
import type { PlatformOption, TemplateItem } from "./types";

export interface TemplateFormValue {
  name: string;
  body: string;
  default_platforms: string[];
  default_tags: string[];
}

/** Name, body with {{variables}}, default platforms and tags; the variables it finds are shown as you type. */
export function TemplateForm({
  prefix,
  value,
  options,
  pending,
  error,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  prefix: string;
  value?: TemplateItem;
  options: PlatformOption[];
  pending: boolean;
  error: string | null;
  submitLabel: [string, string];
  onSubmit: (v: TemplateFormValue, form: HTMLFormElement) => void;
  onCancel?: () => void;
}) {
  const [body, setBody] = useState(value?.body ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const vars = customVariables(body);
  const bodyProblems = templateProblems(body);

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const name = String(fd.get("name") ?? "").trim();
    const text = String(fd.get("body") ?? "");
    const p = !name ? "Give the template a name." : !text.trim() ? "Write the template's text." : (templateProblems(text)[0] ?? null);
    setProblem(p);
    if (p) return;
    const tags = String(fd.get("tags") ?? "")
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean);
    onSubmit({ name, body: text, default_platforms: fd.getAll("platforms").map(String), default_tags: tags }, e.currentTarget);
  }

  return (
    <form onSubmit={submit} noValidate className="grid grid-cols-1 gap-3 sm:grid-cols-2" aria-label={value ? `Edit ${value.name}` : "New template"}>
      <div>
        <label htmlFor={`${prefix}-name`} className="label">
          Name
        </label>
        <input id={`${prefix}-name`} name="name" className="input" maxLength={100} defaultValue={value?.name} disabled={pending} />
      </div>
      <div>
        <label htmlFor={`${prefix}-tags`} className="label">
          Default tags <span className="font-normal text-slate-600 dark:text-slate-400">(comma separated)</span>
        </label>
        <input id={`${prefix}-tags`} name="tags" className="input" defaultValue={value?.tags.join(", ")} placeholder="launch, news" disabled={pending} />
      </div>
      <div className="col-span-full">
        <label htmlFor={`${prefix}-body`} className="label">
          Text
        </label>
        <textarea
          id={`${prefix}-body`}
          name="body"
          rows={5}
          className="input h-auto font-mono text-sm"
          value={body}
          onChange={(e) => setBody(e.target.value)}
          disabled={pending}
          aria-describedby={`${prefix}-help`}
        />
        <p id={`${prefix}-help`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          Use {"{{date}}"} (today in the writer&apos;s zone), {"{{title}}"}, {"{{link}}"} or your own {"{{name}}"}: whoever inserts the template fills it in.
          {vars.length > 0 && (
            <>
              {" "}
              Asks for: <strong data-testid={`${prefix}-vars`}>{vars.join(", ")}</strong>.
            </>
          )}
        </p>
        {bodyProblems.length > 0 && <p className="mt-1 text-xs text-amber-800 dark:text-amber-200">{bodyProblems[0]}</p>}
      </div>
      <PlatformChecks name="platforms" legend="Default platforms" options={options} value={value?.platforms} disabled={pending} />
      <div className="col-span-full space-y-3">
        <FormError message={problem ?? error} />
        <div className="flex gap-2">
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? submitLabel[1] : submitLabel[0]}
          </button>
          {onCancel && (
            <button type="button" className="btn-secondary" disabled={pending} onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      </div>
    </form>
  );
}

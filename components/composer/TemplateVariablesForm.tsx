"use client";
import { useEffect, useRef, useState } from "react";
import type { ComposerSnippet } from "@/lib/composer/types";

const HINT: Record<string, string> = { title: "The post has no title yet", link: "A URL to put in the post" };

/** Asks for a template's variables before it is inserted; every one is required. */
export function TemplateVariablesForm({
  snippet,
  names,
  onSubmit,
  onCancel,
}: {
  snippet: ComposerSnippet;
  names: string[];
  onSubmit: (values: Record<string, string>) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  // Not a <form>: the composer around it is one, and forms cannot nest.
  function submit() {
    const empty = names.filter((n) => !values[n]?.trim());
    if (empty.length) return setProblem(`Fill in ${empty.map((n) => `“${n}”`).join(", ")}.`);
    onSubmit(values);
  }

  return (
    <div
      role="group"
      aria-labelledby="tpl-vars-title"
      className="space-y-2 p-1"
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          submit();
        }
      }}
    >
      <p id="tpl-vars-title" className="text-sm font-semibold">
        Fill in “{snippet.label}”
      </p>
      {names.map((n, i) => (
        <div key={n}>
          <label htmlFor={`tpl-var-${n}`} className="label">
            {n}
          </label>
          <input
            id={`tpl-var-${n}`}
            ref={i === 0 ? first : undefined}
            className="input"
            value={values[n] ?? ""}
            placeholder={HINT[n]}
            onChange={(e) => setValues((v) => ({ ...v, [n]: e.target.value }))}
          />
        </div>
      ))}
      {problem && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {problem}
        </p>
      )}
      <div className="flex gap-2">
        <button type="button" className="btn-primary py-1 text-sm" onClick={submit}>
          Insert template
        </button>
        <button type="button" className="btn-secondary py-1 text-sm" onClick={onCancel}>
          Back
        </button>
      </div>
    </div>
  );
}

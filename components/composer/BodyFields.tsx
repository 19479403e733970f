"use client";
import { useRef } from "react";
import { insertSnippet } from "@/lib/composer/preview";
import { withTags } from "@/lib/templates/insert";
import type { ContentType } from "@/adapters/types";
import type { ComposerSnippet } from "@/lib/composer/types";
import { SnippetMenu } from "./SnippetMenu";

const TYPES: { value: ContentType; label: string }[] = [
  { value: "post", label: "Post" },
  { value: "thread", label: "Thread (several parts)" },
  { value: "article", label: "Article" },
  { value: "carousel", label: "Carousel" },
];

export interface BodyState {
  title: string;
  body: string;
  contentType: ContentType;
  parts: string[];
  tagsInput: string;
}

const fieldError = (id: string, message?: string) =>
  message && (
    <p id={`${id}-err`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">
      {message}
    </p>
  );

/** Title, type, body (or thread parts), tags and the snippet insertion point. */
export function BodyFields({
  state,
  onChange,
  snippets,
  errors,
}: {
  state: BodyState;
  onChange: (patch: Partial<BodyState>) => void;
  snippets: ComposerSnippet[];
  errors: Record<string, string | undefined>;
}) {
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const thread = state.contentType === "thread";

  function insert(text: string, tags?: string[]) {
    // A template brings its default tags along.
    const tagsPatch = tags?.length ? { tagsInput: withTags(state.tagsInput, tags) } : {};
    if (thread) {
      const parts = [...state.parts];
      const last = parts.length - 1;
      parts[last] = insertSnippet(parts[last] ?? "", (parts[last] ?? "").length, (parts[last] ?? "").length, text).value;
      onChange({ parts, ...tagsPatch });
      return;
    }
    const el = bodyRef.current;
    const r = insertSnippet(state.body, el?.selectionStart ?? state.body.length, el?.selectionEnd ?? state.body.length, text);
    onChange({ body: r.value, ...tagsPatch });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(r.caret, r.caret);
    });
  }

  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-[1fr_14rem]">
        <div>
          <label htmlFor="c-title" className="label">
            Title
          </label>
          <input
            id="c-title"
            className="input"
            value={state.title}
            maxLength={300}
            onChange={(e) => onChange({ title: e.target.value })}
            aria-invalid={!!errors.title}
            aria-describedby={errors.title ? "c-title-err" : undefined}
          />
          {fieldError("c-title", errors.title)}
        </div>
        <div>
          <label htmlFor="c-type" className="label">
            Content type
          </label>
          <select
            id="c-type"
            className="input"
            value={state.contentType}
            onChange={(e) => {
              const contentType = e.target.value as ContentType;
              // Switching to a thread starts its first part with the body, and back again.
              if (contentType === "thread" && !thread) onChange({ contentType, parts: state.body ? [state.body] : [""] });
              else if (contentType !== "thread" && thread) onChange({ contentType, body: state.parts.filter((p) => p.trim()).join("\n\n") });
              else onChange({ contentType });
            }}
          >
            {TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div>
        <div className="mb-1 flex items-end justify-between gap-2">
          {thread ? (
            <span className="label mb-0">Thread parts</span>
          ) : (
            <label htmlFor="c-body" className="label mb-0">
              Body
            </label>
          )}
          <SnippetMenu snippets={snippets} onInsert={insert} title={state.title} />
        </div>
        {thread ? (
          <ol className="space-y-2">
            {state.parts.map((part, i) => (
              <li key={i}>
                <label htmlFor={`c-part-${i}`} className="sr-only">
                  {i === 0 ? "Body" : `Part ${i + 1}`}
                </label>
                <div className="flex gap-2">
                  <textarea
                    id={`c-part-${i}`}
                    rows={3}
                    className="input h-auto"
                    value={part}
                    placeholder={`Part ${i + 1}`}
                    onChange={(e) => onChange({ parts: state.parts.map((p, j) => (j === i ? e.target.value : p)) })}
                    aria-invalid={i === 0 && !!errors.body}
                    aria-describedby={i === 0 && errors.body ? "c-body-err" : undefined}
                  />
                  {state.parts.length > 1 && (
                    <button
                      type="button"
                      className="btn-secondary self-start px-2"
                      aria-label={`Remove part ${i + 1}`}
                      onClick={() => onChange({ parts: state.parts.filter((_, j) => j !== i) })}
                    >
                      ✕
                    </button>
                  )}
                </div>
              </li>
            ))}
            <li>
              <button type="button" className="btn-secondary text-xs" onClick={() => onChange({ parts: [...state.parts, ""] })}>
                Add part
              </button>
            </li>
          </ol>
        ) : (
          <textarea
            id="c-body"
            ref={bodyRef}
            rows={7}
            className="input h-auto"
            value={state.body}
            onChange={(e) => onChange({ body: e.target.value })}
            aria-invalid={!!errors.body}
            aria-describedby={errors.body ? "c-body-err" : undefined}
          />
        )}
        {fieldError("c-body", errors.body)}
      </div>

      <div>
        <label htmlFor="c-tags" className="label">
          Tags <span className="font-normal text-slate-600 dark:text-slate-400">(comma separated)</span>
        </label>
        <input
          id="c-tags"
          className="input"
          value={state.tagsInput}
          onChange={(e) => onChange({ tagsInput: e.target.value })}
          placeholder="launch, news"
          aria-invalid={!!errors.tags}
          aria-describedby={errors.tags ? "c-tags-err" : undefined}
        />
        {fieldError("c-tags", errors.tags)}
      </div>
    </div>
  );
}

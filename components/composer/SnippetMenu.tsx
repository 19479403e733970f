"use client";
import { useRef, useState } from "react";
import type { ComposerSnippet } from "@/lib/composer/types";
import { snippetText, variablesToAsk } from "@/lib/templates/insert";
import { TemplateVariablesForm } from "./TemplateVariablesForm";

const GROUPS: { kind: NonNullable<ComposerSnippet["kind"]>; title: string }[] = [
  { kind: "tag", title: "Tags as hashtags" },
  { kind: "template", title: "Templates" },
  { kind: "hashtags", title: "Hashtag groups" },
  { kind: "signature", title: "Signatures" },
];

/**
 * The insertion hook: the post's tags as hashtags, and the workspace's templates, hashtag groups and
 * signatures (already narrowed to the platforms being edited), inserted at the caret of the body.
 * A template asks for the values of its variables first.
 */
export function SnippetMenu({
  snippets,
  onInsert,
  disabled,
  title = "",
}: {
  snippets: ComposerSnippet[];
  onInsert: (text: string, tags?: string[]) => void;
  disabled?: boolean;
  title?: string;
}) {
  const details = useRef<HTMLDetailsElement>(null);
  const [asking, setAsking] = useState<{ snippet: ComposerSnippet; names: string[] } | null>(null);

  function close() {
    setAsking(null);
    if (details.current) details.current.open = false;
  }
  function choose(s: ComposerSnippet) {
    const names = variablesToAsk(s, title);
    if (names.length) return setAsking({ snippet: s, names });
    onInsert(snippetText(s, title).text, s.tags);
    close();
  }

  return (
    <details
      ref={details}
      className="group relative"
      onToggle={(e) => {
        if (!(e.currentTarget as HTMLDetailsElement).open) setAsking(null);
      }}
    >
      <summary className="btn-secondary cursor-pointer list-none px-2 py-1 text-xs" aria-disabled={disabled}>
        Insert…
      </summary>
      <div className="absolute right-0 z-10 mt-1 w-72 max-w-[85vw] rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
        {asking ? (
          <TemplateVariablesForm
            snippet={asking.snippet}
            names={asking.names}
            onCancel={() => setAsking(null)}
            onSubmit={(values) => {
              onInsert(snippetText(asking.snippet, title, values).text, asking.snippet.tags);
              close();
            }}
          />
        ) : snippets.length === 0 ? (
          <p className="p-1 text-xs text-slate-600 dark:text-slate-400">
            Add tags to the post to insert them as hashtags here, or save templates, hashtag groups and signatures under Settings → Templates.
          </p>
        ) : (
          <div className="max-h-72 space-y-2 overflow-auto">
            {GROUPS.map((g) => {
              const items = snippets.filter((s) => (s.kind ?? "tag") === g.kind);
              if (!items.length) return null;
              return (
                <div key={g.kind}>
                  <p className="px-2 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">{g.title}</p>
                  <ul aria-label={g.title}>
                    {items.map((s) => (
                      <li key={`${s.label}|${s.text}`}>
                        <button
                          type="button"
                          disabled={disabled}
                          title={s.text}
                          className="w-full truncate rounded px-2 py-1 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
                          onClick={() => choose(s)}
                        >
                          {s.label}
                        </button>
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </div>
        )}
      </div>
    </details>
  );
}

"use client";
import type { ComposerSnippet } from "@/lib/composer/types";

/**
 * The insertion hook for hashtags and snippets: whatever list it is given (the post's tags as
 * hashtags today; saved templates and snippets later) is inserted at the caret of the body.
 */
export function SnippetMenu({ snippets, onInsert, disabled }: { snippets: ComposerSnippet[]; onInsert: (text: string) => void; disabled?: boolean }) {
  return (
    <details className="group relative">
      <summary className="btn-secondary cursor-pointer list-none px-2 py-1 text-xs" aria-disabled={disabled}>Insert…</summary>
      <div className="absolute right-0 z-10 mt-1 w-64 max-w-[80vw] rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
        {snippets.length === 0 ? (
          <p className="p-1 text-xs text-slate-600 dark:text-slate-400">Add tags to the post to insert them as hashtags here.</p>
        ) : (
          <ul className="max-h-60 overflow-auto" aria-label="Snippets">
            {snippets.map((s) => (
              <li key={`${s.label}|${s.text}`}>
                <button type="button" disabled={disabled} className="w-full truncate rounded px-2 py-1 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800" onClick={(e) => { onInsert(s.text); (e.currentTarget.closest("details") as HTMLDetailsElement).open = false; }}>
                  {s.label}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}

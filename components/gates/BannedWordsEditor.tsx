"use client";
import { useId, useState } from "react";
import type { QualityGates, Severity } from "@/lib/gates/rules";
import { SeveritySelect } from "./RuleSection";

type Entry = QualityGates["banned_words"]["entries"][number];

/** The banned words and phrases, each blocking or warning. */
export function BannedWordsEditor({ entries, onChange }: { entries: Entry[]; onChange: (e: Entry[]) => void }) {
  const id = useId();
  const [text, setText] = useState("");
  const [severity, setSeverity] = useState<Severity>("error");
  const [problem, setProblem] = useState<string | null>(null);

  function add() {
    const t = text.trim().replace(/\s+/g, " ");
    if (!t) return setProblem("Type a word or phrase to add.");
    if (t.length > 100) return setProblem("A word or phrase has at most 100 characters.");
    if (entries.some((e) => e.text.toLowerCase() === t.toLowerCase())) return setProblem(`“${t}” is already on the list.`);
    setProblem(null);
    onChange([...entries, { text: t, severity }]);
    setText("");
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 basis-48">
          <label htmlFor={`${id}-new`} className="label">
            Word or phrase to ban
          </label>
          <input
            id={`${id}-new`}
            className="input"
            value={text}
            maxLength={100}
            aria-invalid={!!problem}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
          />
        </div>
        <div>
          <label htmlFor={`${id}-sev`} className="label">
            When found
          </label>
          <SeveritySelect id={`${id}-sev`} value={severity} onChange={setSeverity} />
        </div>
        <button type="button" className="btn-secondary" onClick={add}>
          Add
        </button>
      </div>
      {problem && (
        <p id={`${id}-problem`} role="alert" className="text-sm text-red-700 dark:text-red-300">
          {problem}
        </p>
      )}
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No banned words yet. Add the words or phrases your posts must not contain; matching ignores case and only finds whole words.
        </p>
      ) : (
        <ul
          className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
          aria-label="Banned words and phrases"
        >
          {entries.map((e, i) => (
            <li key={e.text} className="flex flex-wrap items-center justify-between gap-2 p-2">
              <span className="min-w-0 break-words font-medium">{e.text}</span>
              <span className="flex items-center gap-2">
                <SeveritySelect
                  id={`${id}-sev-${i}`}
                  label={`When “${e.text}” is found`}
                  value={e.severity}
                  onChange={(s) => onChange(entries.map((x, j) => (j === i ? { ...x, severity: s } : x)))}
                />
                <button
                  type="button"
                  className="btn-secondary px-2 py-1 text-xs"
                  onClick={() => onChange(entries.filter((_, j) => j !== i))}
                  aria-label={`Remove “${e.text}”`}
                >
                  Remove
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

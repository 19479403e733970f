"use client";
import { useState } from "react";

/** The recovery codes, shown once: the person copies or prints them before going on. */
export function RecoveryCodes({ codes, onDone, doneLabel = "I have saved them" }: { codes: string[]; onDone: () => void; doneLabel?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-3" data-testid="recovery-codes">
      <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
        Save these recovery codes somewhere safe: each signs you in once if you lose your phone. They are shown only now.
      </p>
      <ol
        className="grid grid-cols-1 gap-1 rounded-md border border-slate-200 p-3 font-mono text-sm sm:grid-cols-2 dark:border-slate-700"
        aria-label="Recovery codes"
      >
        {codes.map((c) => (
          <li key={c} data-testid="recovery-code">
            {c}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className="btn-secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(codes.join("\n"));
              setCopied(true);
            } catch {
              /* clipboard blocked: the codes can be selected by hand */
            }
          }}
        >
          {copied ? "Copied" : "Copy all"}
        </button>
        <button type="button" className="btn-primary" onClick={onDone}>
          {doneLabel}
        </button>
      </div>
    </div>
  );
}

/** The three steps of a file import (choose, check, import), the current one marked for screen readers too. */
const STEPS = ["Choose a file", "Check every row", "Import"] as const;

export function ImportSteps({ step }: { step: number }) {
  return (
    <ol className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Import steps">
      {STEPS.map((s, i) => (
        <li
          key={s}
          aria-current={i === step ? "step" : undefined}
          className={i === step ? "font-semibold text-brand-700 dark:text-brand-100" : "text-slate-600 dark:text-slate-400"}
        >
          {i + 1}. {s}
        </li>
      ))}
    </ol>
  );
}

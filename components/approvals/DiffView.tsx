import type { DiffLine } from "@/lib/approvals/state";

/** A line diff, with words (not only colours) saying what was added and removed. */
export function DiffView({ label, lines }: { label: string; lines: DiffLine[] }) {
  const changed = lines.some((l) => l.op !== "same");
  return (
    <div>
      <h3 className="text-sm font-medium">{label}</h3>
      {!changed ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No change.</p>
      ) : (
        <pre
          className="mt-1 max-h-80 overflow-auto whitespace-pre-wrap break-words rounded-md border border-slate-200 bg-white p-2 text-sm dark:border-slate-700 dark:bg-slate-950"
          data-testid="diff"
        >
          {lines.map((l, i) => (
            <div
              key={i}
              className={
                l.op === "add"
                  ? "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
                  : l.op === "del"
                    ? "bg-red-50 text-red-900 line-through dark:bg-red-950 dark:text-red-100"
                    : "text-slate-700 dark:text-slate-300"
              }
            >
              <span className="sr-only">{l.op === "add" ? "Added: " : l.op === "del" ? "Removed: " : "Unchanged: "}</span>
              <span aria-hidden className="mr-2 select-none">
                {l.op === "add" ? "+" : l.op === "del" ? "−" : " "}
              </span>
              {l.text || " "}
            </div>
          ))}
        </pre>
      )}
    </div>
  );
}

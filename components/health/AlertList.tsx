export interface AlertItem {
  id: string;
  state: "pending" | "firing" | "resolved";
  title: string;
  message: string;
  /** When, in the person's zone and words. */
  when: string;
}

const MARK: Record<AlertItem["state"], { word: string; cls: string }> = {
  firing: { word: "Firing", cls: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" },
  pending: { word: "Pending", cls: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200" },
  resolved: { word: "Resolved", cls: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300" },
};

/** Alerts, open or past: what fired, the measured value against the rule, and when. */
export function AlertList({ items, empty, testId }: { items: AlertItem[]; empty: string; testId: string }) {
  if (!items.length) return <p className="px-4 py-3 text-sm text-slate-600 dark:text-slate-400">{empty}</p>;
  return (
    <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
      {items.map((a) => (
        <li key={a.id} className="px-4 py-2 text-sm" data-testid={testId} data-state={a.state}>
          <div className="flex flex-wrap items-center gap-2">
            <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${MARK[a.state].cls}`}>{MARK[a.state].word}</span>
            <span className="font-medium">{a.title}</span>
          </div>
          <p className="break-words">{a.message}</p>
          <p className="text-xs text-slate-600 dark:text-slate-400">{a.when}</p>
        </li>
      ))}
    </ul>
  );
}

import type { HealthStatus } from "@/lib/health-history/read";
import { StatusBadgeText } from "./HealthTimeline";

export interface ChangeItem {
  key: string;
  when: string;
  label: string;
  from: HealthStatus | null;
  to: HealthStatus | null;
  detail: string;
}

/** What changed in the recorded checks, newest first. */
export function ChangeList({ items }: { items: ChangeItem[] }) {
  if (!items.length) return <p className="px-4 py-3 text-sm text-slate-600 dark:text-slate-400">Nothing changed in the last 24 hours.</p>;
  return (
    <ol className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
      {items.map((c) => (
        <li key={c.key} className="px-4 py-2 text-sm" data-testid="health-change">
          <div className="flex flex-wrap items-center gap-2">
            <span className="text-slate-600 dark:text-slate-400">{c.when}</span>
            <span className="font-medium">{c.label}</span>
            <span className="flex items-center gap-1">
              <StatusBadgeText status={c.from} />
              <span aria-hidden="true">→</span>
              <span className="sr-only">to</span>
              <StatusBadgeText status={c.to} />
            </span>
          </div>
          {c.detail && <p className="break-words text-slate-700 dark:text-slate-300">{c.detail}</p>}
        </li>
      ))}
    </ol>
  );
}

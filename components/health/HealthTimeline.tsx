import type { HealthStatus } from "@/lib/health-history/read";

export const STATUS_WORDS: Record<HealthStatus | "none", string> = { ok: "OK", warn: "Warning", fail: "Failing", none: "No record" };

const COLOURS: Record<HealthStatus | "none", string> = {
  ok: "bg-emerald-500",
  warn: "bg-amber-400",
  fail: "bg-red-600",
  none: "bg-slate-200 dark:bg-slate-700",
};

const BADGES: Record<HealthStatus | "none", string> = {
  ok: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  warn: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  fail: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  none: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
};

export function StatusBadgeText({ status }: { status: HealthStatus | null }) {
  const s = status ?? "none";
  return <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${BADGES[s]}`}>{STATUS_WORDS[s]}</span>;
}

export interface TimelineRow {
  key: string;
  label: string;
  /** Where the check belongs: the whole server, or this workspace. */
  scope: string;
  status: HealthStatus | null;
  /** One entry per slot, oldest first; null where nothing was recorded. */
  slots: (HealthStatus | null)[];
  /** Per slot: its time range in the person's zone. */
  slotLabels: string[];
  /** The strip in words, for screen readers. */
  summary: string;
}

/** The last hours as one strip per check: each slot coloured by the worst status recorded in it. */
export function HealthTimeline({ rows, axis, caption }: { rows: TimelineRow[]; axis: string[]; caption: string }) {
  return (
    <div className="space-y-3 px-4 pb-4" data-testid="health-timeline">
      <p className="text-xs text-slate-600 dark:text-slate-400">{caption}</p>
      <ul className="space-y-3">
        {rows.map((r) => (
          <li key={r.key} data-testid="timeline-row" data-check={r.key}>
            <div className="mb-1 flex flex-wrap items-center justify-between gap-2 text-sm">
              <span className="font-medium">
                {r.label} <span className="text-xs font-normal text-slate-600 dark:text-slate-400">· {r.scope}</span>
              </span>
              <StatusBadgeText status={r.status} />
            </div>
            <div role="img" aria-label={`${r.label}: ${r.summary}`} className="flex h-5 w-full overflow-hidden rounded sm:gap-px">
              {r.slots.map((s, i) => (
                <span
                  key={i}
                  className={`h-full min-w-0 flex-1 ${COLOURS[s ?? "none"]}`}
                  title={`${r.slotLabels[i]}: ${STATUS_WORDS[s ?? "none"]}`}
                  data-status={s ?? "none"}
                />
              ))}
            </div>
          </li>
        ))}
      </ul>
      <div className="flex justify-between text-xs text-slate-600 dark:text-slate-400" aria-hidden="true">
        {axis.map((a, i) => (
          <span key={i}>{a}</span>
        ))}
      </div>
      <ul className="flex flex-wrap gap-3 text-xs text-slate-700 dark:text-slate-300" aria-label="Legend">
        {(["ok", "warn", "fail", "none"] as const).map((s) => (
          <li key={s} className="flex items-center gap-1">
            <span className={`inline-block h-3 w-3 rounded-sm ${COLOURS[s]}`} aria-hidden="true" />
            {STATUS_WORDS[s]}
          </li>
        ))}
      </ul>
    </div>
  );
}

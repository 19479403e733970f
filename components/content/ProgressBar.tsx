"use client";
import { useFormat } from "@/components/ui/FormatProvider";

/** A determinate bar: `done` of `total` units the server has answered for. */
export function ProgressBar({ label, done, total, unit }: { label: string; done: number; total: number; unit: string }) {
  const f = useFormat();
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div className="space-y-1">
      <div className="flex justify-between text-sm">
        <span id="import-progress-label">{label}</span>
        <span aria-hidden="true">
          {f.number(done)} / {f.number(total)} {unit}
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby="import-progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${f.number(pct / 100, { style: "percent" })} (${f.number(done)} of ${f.number(total)} ${unit})`}
        data-testid="import-progress"
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div className="h-full rounded-full bg-brand-600 transition-[width] duration-300" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

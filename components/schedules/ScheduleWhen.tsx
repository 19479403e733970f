"use client";
import { useFormat } from "@/components/ui/FormatProvider";
import { scheduleWhen } from "./zone-note";

/** A schedule's wall time shown in the person's zone, with its own zone's time beside it when that differs. */
export function ScheduleWhen({ local, zone, at, className }: { local: string; zone: string; at?: string | null; className?: string }) {
  const w = scheduleWhen(useFormat(), local, zone, at);
  return (
    <>
      {w.at ? (
        <time dateTime={w.at.toISOString()} className={className}>
          {w.text}
        </time>
      ) : (
        <span className={className}>{w.text}</span>
      )}
      {w.note && (
        <span className="text-slate-600 dark:text-slate-400" data-testid="zone-note">
          {" "}
          ({w.note})
        </span>
      )}
    </>
  );
}

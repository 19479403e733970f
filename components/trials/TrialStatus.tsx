import { STATUS_LABELS } from "./describe";

const STYLE: Record<string, string> = {
  running: "bg-sky-100 text-sky-800 dark:bg-sky-900 dark:text-sky-100",
  completed: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100",
  stopped: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
};

export function TrialStatus({ status }: { status: string }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STYLE[status] ?? STYLE.stopped}`}>{STATUS_LABELS[status] ?? status}</span>;
}

const STYLE: Record<string, string> = {
  delivered: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100",
  failed: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
  retrying: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  pending: "bg-sky-100 text-sky-800 dark:bg-sky-900 dark:text-sky-100",
  delivering: "bg-violet-100 text-violet-800 dark:bg-violet-900 dark:text-violet-100",
};

export function DeliveryStatus({ status }: { status: string }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STYLE[status] ?? "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100"}`}>
      {status}
    </span>
  );
}

const STYLE: Record<string, string> = {
  pending: "bg-sky-100 text-sky-800 dark:bg-sky-900 dark:text-sky-100",
  publishing: "bg-violet-100 text-violet-800 dark:bg-violet-900 dark:text-violet-100",
  published: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100",
  failed: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
  dead_letter: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
  // Content statuses.
  scheduled: "bg-sky-100 text-sky-800 dark:bg-sky-900 dark:text-sky-100",
  in_review: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  changes_requested: "bg-orange-100 text-orange-900 dark:bg-orange-900 dark:text-orange-100",
  approved: "bg-teal-100 text-teal-900 dark:bg-teal-900 dark:text-teal-100",
  paused: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
};

/** How a status reads to people: a pending schedule is "scheduled"; underscores become spaces. */
export function statusLabel(status: string): string {
  return status === "pending" ? "scheduled" : status.replaceAll("_", " ");
}

/** `waiting`: the post cannot go out until a reviewer approves its content; never a bare "scheduled" then. */
export function StatusBadge({ status, waiting = false }: { status: string; waiting?: boolean }) {
  return (
    <span
      className={`rounded-full px-2 py-0.5 text-xs font-medium ${waiting ? STYLE.in_review : (STYLE[status] ?? "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200")}`}
    >
      {statusLabel(status)}
      {waiting && " — waiting for approval"}
    </span>
  );
}

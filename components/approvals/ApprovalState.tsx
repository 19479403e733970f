const LABEL: Record<string, string> = {
  draft: "Not submitted",
  in_review: "In review",
  approved: "Approved",
  changes_requested: "Changes requested",
  rejected: "Rejected",
  outdated: "Edited since approval",
};

const STYLE: Record<string, string> = {
  draft: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100",
  in_review: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  approved: "bg-teal-100 text-teal-900 dark:bg-teal-900 dark:text-teal-100",
  changes_requested: "bg-orange-100 text-orange-900 dark:bg-orange-900 dark:text-orange-100",
  rejected: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
  outdated: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
};

export const stateLabel = (s: string) => LABEL[s] ?? s.replaceAll("_", " ");

/** The approval state of a content item as a badge. */
export function ApprovalStateBadge({ state }: { state: string }) {
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${STYLE[state] ?? STYLE.draft}`} data-testid="approval-state">
      {stateLabel(state)}
    </span>
  );
}

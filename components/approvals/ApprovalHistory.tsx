import type { ApprovalHistoryRow } from "@/lib/approvals/review";
import { stateLabel } from "./ApprovalState";

type Row = ApprovalHistoryRow;
const STATUS: Record<string, string> = {
  pending: "in_review",
  approved: "approved",
  changes_requested: "changes_requested",
  rejected: "rejected",
  withdrawn: "draft",
};

/** Every submission and decision, newest first. */
export function ApprovalHistory({ rows, when }: { rows: Row[]; when: (d: Date) => string }) {
  if (!rows.length) return null;
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title" className="text-base font-semibold">
        History
      </h2>
      <ol className="mt-2 space-y-2 text-sm">
        {rows.map((r) => (
          <li key={r.id} data-testid="history-row">
            <span className="font-medium">Version {r.contentVersion}</span>: submitted <time dateTime={r.createdAt.toISOString()}>{when(r.createdAt)}</time>
            {r.decidedAt ? (
              <>
                {" "}
                · {stateLabel(STATUS[r.status] ?? r.status).toLowerCase()}
                {r.decidedByName ? ` by ${r.decidedByName}` : ""} <time dateTime={r.decidedAt.toISOString()}>{when(r.decidedAt)}</time>
                {r.decisionComment && <span className="block whitespace-pre-wrap break-words text-slate-600 dark:text-slate-400">“{r.decisionComment}”</span>}
              </>
            ) : (
              " · waiting for review"
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

import type { FieldChange } from "@/lib/audit/diff";
import { actionLabel } from "@/lib/audit/labels";

export interface AuditItem {
  id: string;
  when: string;
  who: string;
  action: string;
  entity: string;
  entityId: string | null;
  changes: FieldChange[];
}

const SHORT = 160;
const clip = (s: string | null) => (s === null ? "—" : s.length > SHORT ? `${s.slice(0, SHORT)}…` : s);

/** One entry per card: when, who, what, and a before → after line per changed field. */
export function AuditList({ items }: { items: AuditItem[] }) {
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Audit entries">
      {items.map((r) => (
        <li key={r.id} className="grid gap-2 px-4 py-3 sm:grid-cols-[11rem_minmax(0,1fr)]" data-testid="audit-row">
          <div className="text-sm">
            <div className="font-medium">{r.who}</div>
            <div className="text-xs text-slate-600 dark:text-slate-400">{r.when}</div>
          </div>
          <div className="min-w-0">
            <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
              <span className="font-medium" data-testid="audit-action-label">
                {actionLabel(r.action)}
              </span>
              <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800" data-testid="audit-action">
                {r.action}
              </code>
              <span className="text-slate-600 dark:text-slate-400">
                {r.entity.replaceAll("_", " ")}
                {r.entityId ? <span className="break-all"> · {r.entityId}</span> : null}
              </span>
            </div>
            {r.changes.length > 0 ? (
              <dl className="mt-2 grid grid-cols-[minmax(0,8rem)_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs">
                {r.changes.map((c) => (
                  <div key={c.field} className="contents">
                    <dt className="truncate font-medium text-slate-700 dark:text-slate-300" title={c.field}>
                      {c.field}
                    </dt>
                    <dd className="min-w-0 break-words">
                      {c.before !== null && <del className="text-red-800 decoration-red-400 dark:text-red-300">{clip(c.before)}</del>}
                      {c.before !== null && c.after !== null && <span aria-hidden="true"> → </span>}
                      {c.after !== null && (
                        <ins className="text-emerald-800 no-underline dark:text-emerald-300">{c.after === "" ? "(empty)" : clip(c.after)}</ins>
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">No field changes recorded.</p>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

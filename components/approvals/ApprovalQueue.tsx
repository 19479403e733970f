import Link from "next/link";
import type { QueueItem } from "@/lib/approvals/queue";

const POLICY: Record<string, string> = {
  off: "Off: posts go out without approval.",
  required_for_editors: "Required for editors: posts written by editors wait for an admin's approval; admins' posts go out directly.",
  required_for_all: "Required for everyone: every post waits for approval of its current version.",
};

export function PolicyNote({ policy }: { policy: string }) {
  return (
    <section className="card mb-5" aria-labelledby="policy-title">
      <h2 id="policy-title" className="text-base font-semibold">Approval policy</h2>
      <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="approval-policy">{POLICY[policy] ?? policy}</p>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        When approval is required, the publisher holds a post at its time until this version of it is approved; an edit after approval needs a new approval.
      </p>
    </section>
  );
}

/** Content grouped with its schedules; each title opens the item. */
export function QueueSection({ id, title, hint, items, when, platformName }: { id: string; title: string; hint: string; items: QueueItem[]; when: (d: Date) => string; platformName: (p: string) => string }) {
  return (
    <section className="card mb-5 p-0" aria-labelledby={`${id}-title`}>
      <div className="px-4 pt-4">
        <h2 id={`${id}-title`} className="text-base font-semibold">{title} ({items.length})</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{hint}</p>
      </div>
      <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
        {items.map((item) => (
          <li key={item.contentId} className="px-4 py-3" data-testid={`${id}-item`}>
            <div className="flex flex-wrap items-baseline gap-x-2">
              <Link href={`/content/${item.contentId}`} className="font-medium text-brand-700 underline break-words dark:text-brand-100">{item.title}</Link>
              <span className="text-xs text-slate-600 dark:text-slate-400">version {item.version}{item.authorName ? ` · by ${item.authorName}` : ""}</span>
            </div>
            <ul className="mt-1 space-y-1 text-sm text-slate-600 dark:text-slate-400">
              {item.schedules.map((s) => (
                <li key={s.id}>
                  {platformName(s.platformId)} · {s.accountName} · {s.held ? "was due" : "due"} <time dateTime={s.scheduledTime.toISOString()}>{when(s.scheduledTime)}</time>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

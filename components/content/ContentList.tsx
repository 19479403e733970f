"use client";
import { useMemo, useState } from "react";
import { useToast } from "@/components/ui/Toast";
import { BulkBar, type BulkResult } from "./BulkBar";
import type { AccountOption } from "./BulkScheduleForm";
import { ContentTable, type ContentRowView } from "./ContentTable";
import type { ListParams } from "./listQuery";
import { summarize, type OutcomeSummary } from "./outcome";

/** The rows with their selection; editors get the bulk bar, viewers only the list. */
export function ContentList({
  rows,
  params,
  canWrite,
  accounts,
  zone,
}: {
  rows: ContentRowView[];
  params: ListParams;
  canWrite: boolean;
  accounts: AccountOption[];
  zone: string;
}) {
  const notify = useToast();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [summary, setSummary] = useState<OutcomeSummary | null>(null);
  // Only what is on screen counts: after a page change or a refresh, gone rows drop out.
  const selected = useMemo(() => new Set(rows.filter((r) => picked.has(r.id)).map((r) => r.id)), [rows, picked]);
  const titles = useMemo(() => new Map(rows.map((r) => [r.id, r.title])), [rows]);

  function onResult({ verb, outcome, detail }: BulkResult) {
    const s = summarize(verb, outcome, (id) => titles.get(id) ?? id, selected.size);
    setSummary(s);
    notify(detail && s.kind === "success" ? `${s.message.slice(0, -1)}; ${detail}.` : s.message, s.kind);
    // What was not done stays selected, so the next try can start from it.
    const done = new Set(outcome.done);
    setPicked(new Set([...selected].filter((id) => !done.has(id))));
  }

  function toggle(id: string) {
    setPicked((p) => {
      const next = new Set(p);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  return (
    <>
      {canWrite && (
        <BulkBar
          ids={[...selected]}
          accounts={accounts}
          zone={zone}
          onResult={onResult}
          onError={(m) => notify(m, "error")}
          onClear={() => setPicked(new Set())}
        />
      )}
      {summary && summary.refused.length > 0 && (
        <section aria-labelledby="bulk-summary-title" data-testid="bulk-summary" className="card mb-3 border-amber-300 dark:border-amber-800">
          <div className="flex items-start justify-between gap-3">
            <h2 id="bulk-summary-title" className="text-sm font-semibold">
              {summary.message}
            </h2>
            <button type="button" className="text-sm underline" onClick={() => setSummary(null)}>
              Dismiss
            </button>
          </div>
          <ul className="mt-2 space-y-1 text-sm">
            {summary.refused.map((r) => (
              <li key={r.id}>
                <span className="font-medium">{r.title}</span>: {r.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <ContentTable
        rows={rows}
        params={params}
        selectable={canWrite}
        selected={selected}
        onToggle={toggle}
        onToggleAll={(on) => setPicked(on ? new Set(rows.map((r) => r.id)) : new Set())}
      />
    </>
  );
}

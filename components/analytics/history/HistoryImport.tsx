"use client";
import { ImportSteps } from "@/components/ui/ImportSteps";
import { useRef } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { platformName } from "@/adapters/registry";
import { FormError } from "@/components/ui/FormError";
import { useToast } from "@/components/ui/Toast";
import { useFormat } from "@/components/ui/FormatProvider";
import { ProgressBar } from "@/components/content/ProgressBar";
import { ProblemTable } from "./ProblemTable";
import { useHistoryImport, type HistoryResult } from "./useHistoryImport";

/** Upload → check every row (nothing saved) → import, with the server's progress and a summary. */
export function HistoryImport({ maxBytes }: { maxBytes: number }) {
  const router = useRouter();
  const notify = useToast();
  const f = useFormat();
  const fileRef = useRef<HTMLInputElement>(null);
  const imp = useHistoryImport(maxBytes);
  const { phase, result, refusal, progress, stage } = imp;
  const busy = phase === "checking" || phase === "importing";
  const step = phase === "idle" || phase === "checking" ? 0 : phase === "checked" ? 1 : 2;
  const plural = (n: number, one: string, many = `${one}s`) => `${f.number(n)} ${n === 1 ? one : many}`;

  async function onCheck(e: React.FormEvent) {
    e.preventDefault();
    await imp.check(fileRef.current?.files?.[0] ?? null);
  }

  async function onImport() {
    const done = await imp.commit();
    if (!done) return;
    router.refresh();
    notify(`Imported ${plural(done.rows, "post")}.`);
  }

  return (
    <section className="card space-y-4" aria-labelledby="history-import-title">
      <h2 id="history-import-title" className="text-base font-semibold">
        Import a file
      </h2>
      <ImportSteps step={step} />

      {phase !== "done" && (
        <form onSubmit={onCheck} className="flex flex-wrap items-end gap-3" noValidate>
          <div className="min-w-0 flex-1 basis-64">
            <label htmlFor="history-file" className="label">
              CSV file
            </label>
            <input
              ref={fileRef}
              id="history-file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              className="input w-full"
              disabled={busy}
              onChange={() => imp.reset()}
            />
          </div>
          <button type="submit" className="btn-secondary" disabled={busy}>
            {phase === "checked" ? "Check again" : "Check file"}
          </button>
        </form>
      )}

      {busy && (
        <ProgressBar
          label={stage === "write" ? "Importing" : phase === "checking" ? "Checking rows (nothing is saved)" : "Checking rows before importing"}
          done={progress.done}
          total={progress.total}
          unit="rows"
        />
      )}
      <FormError message={imp.error} />

      {refusal && !busy && (
        <div className="space-y-3">
          <p role="status" data-testid="history-refused" className="text-sm font-medium text-red-800 dark:text-red-200">
            {refusal.message}. Fix the file and check it again.
          </p>
          <ProblemTable problems={refusal.errors} label="Problems in the file" tone="red" testId="history-error-row" />
        </div>
      )}

      {result && phase === "checked" && (
        <div className="space-y-3">
          <p role="status" data-testid="history-summary" className="text-sm">
            All {plural(result.rows, "row")} can be imported: {plural(result.created, "new post")}
            {result.updated ? `, ${plural(result.updated, "post")} imported before (their figures will be replaced)` : ""}. Nothing has been saved yet.
          </p>
          <Details result={result} />
          <button type="button" className="btn-primary" onClick={onImport}>
            Import {plural(result.rows, "post")}
          </button>
        </div>
      )}

      {result && phase === "done" && (
        <div className="space-y-3">
          <p role="status" data-testid="history-result" className="text-sm font-medium">
            Imported {plural(result.rows, "post")}: {f.number(result.created)} new, {f.number(result.updated)} updated.
          </p>
          <Details result={result} />
          <div className="flex flex-wrap gap-2">
            <Link href="/analytics" className="btn-primary">
              Back to Analytics
            </Link>
            <button type="button" className="btn-secondary" onClick={imp.reset}>
              Import another file
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** Which accounts and which time span the file covers, and what was read other than written. */
function Details({ result }: { result: HistoryResult }) {
  const f = useFormat();
  return (
    <>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Posts from {f.dateTime(result.posted_from)} to {f.dateTime(result.posted_to)} ({f.zoneName(result.posted_to)}).
      </p>
      <ul className="space-y-1 text-sm" aria-label="Accounts in the file" data-testid="history-accounts">
        {result.accounts.map((a) => (
          <li key={a.id} className="flex flex-wrap gap-x-2">
            <span className="font-medium break-all">{a.name}</span>
            <span className="text-slate-600 dark:text-slate-400">{platformName(a.platform)}</span>
            <span className="tabular-nums">
              {f.number(a.posts)} {a.posts === 1 ? "post" : "posts"}
              {a.updated ? ` (${f.number(a.updated)} imported before)` : ""}
            </span>
          </li>
        ))}
      </ul>
      {result.without_rate > 0 && (
        <p className="text-sm text-amber-900 dark:text-amber-200">
          {f.number(result.without_rate)} {result.without_rate === 1 ? "post has" : "posts have"} neither impressions nor reach: kept, but without an engagement
          rate {result.without_rate === 1 ? "it teaches" : "they teach"} the best times nothing.
        </p>
      )}
      <ProblemTable problems={result.warnings} label="Times read differently from the file" tone="amber" testId="history-warning-row" />
    </>
  );
}

"use client";
import { ImportSteps } from "@/components/ui/ImportSteps";
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { FormError } from "@/components/ui/FormError";
import { useToast } from "@/components/ui/Toast";
import { useFormat } from "@/components/ui/FormatProvider";
import { ImportErrors } from "./ImportErrors";
import { ImportNotes } from "./ImportNotes";
import { ProgressBar } from "./ProgressBar";
import { useCsvImport, type Duplicates, type ImportMode } from "./useCsvImport";

/**
 * CSV import: upload → dry run with each refused row and why → confirm → import with a bar that
 * moves as the server answers for each slice of the file.
 */
export function ImportWizard({ maxRows, onClose }: { maxRows: number; onClose: () => void }) {
  const router = useRouter();
  const notify = useToast();
  const f = useFormat();
  const plural = (n: number, one: string, many = `${one}s`) => `${f.number(n)} ${n === 1 ? one : many}`;
  const fileRef = useRef<HTMLInputElement>(null);
  const [mode, setMode] = useState<ImportMode>("all_or_nothing");
  const [duplicates, setDuplicates] = useState<Duplicates>("skip");
  const imp = useCsvImport(maxRows);
  const { phase, report, progress } = imp;
  const busy = phase === "checking" || phase === "importing";
  const step = phase === "idle" || phase === "checking" ? 0 : phase === "checked" ? 1 : 2;
  const canImport = phase === "checked" && !!report && report.ok > 0 && (mode === "partial" || report.errors === 0);
  const repeats = report?.rows.filter((r) => r.status === "skipped" && r.existing).length ?? 0;
  const skipped = (n: number) => (n ? `, ${plural(n, "row")} skipped${repeats ? ` (${f.number(repeats)} already in this workspace)` : ""}` : "");

  async function onCheck(e: React.FormEvent) {
    e.preventDefault();
    await imp.check(fileRef.current?.files?.[0] ?? null, mode, duplicates);
  }

  async function onImport() {
    const done = await imp.commit(mode, duplicates);
    // The slices do not re-render the page themselves: once here, whatever the outcome.
    router.refresh();
    if (!done) return notify("The import stopped; see the message in the import panel.", "error");
    notify(
      `Imported ${plural(done.posts, "post")}${done.schedules ? ` and ${plural(done.schedules, "schedule")}` : ""}${done.errors + done.skipped ? `; ${plural(done.errors + done.skipped, "row")} skipped` : ""}.`,
    );
  }

  return (
    <section className="card mb-5 space-y-4" aria-labelledby="import-title">
      <div className="flex items-start justify-between gap-3">
        <div>
          <h2 id="import-title" className="text-base font-semibold">
            Import posts from a CSV file
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Columns: <code>title</code> and <code>content</code> (required), <code>summary</code>, <code>content_type</code>, <code>tags</code>,{" "}
            <code>platforms</code> or <code>accounts</code>, <code>date</code> (YYYY-MM-DD), <code>time</code> (HH:mm), <code>timezone</code>,{" "}
            <code>variants</code>. Separate several values with <code>;</code>. A file from <strong>Export CSV</strong> imports as it is: accounts are matched
            by platform and name, past or published times are not scheduled again, archived posts are skipped.
          </p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Nothing is imported twice: a row of a post already in this workspace (a file exported from here, or imported before) is skipped, and so is a row
            with the same title and body as a post here — if the row has a time, when that post is already scheduled then on the same accounts. The same post at
            another time is imported as another post, with a note. A platform means its accounts that can post: one that needs reconnecting is left out, with a
            note.
          </p>
        </div>
        <button type="button" className="btn-secondary shrink-0" onClick={onClose} disabled={busy}>
          Close
        </button>
      </div>

      <ImportSteps step={step} />

      {phase !== "done" && (
        <form onSubmit={onCheck} className="grid gap-3 sm:grid-cols-2" noValidate>
          <div>
            <label htmlFor="import-file" className="label">
              CSV file
            </label>
            <input
              ref={fileRef}
              id="import-file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              className="input"
              disabled={busy}
              onChange={() => imp.reset()}
            />
          </div>
          <fieldset disabled={busy}>
            <legend className="label">If some rows have errors</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="mode" value="all_or_nothing" checked={mode === "all_or_nothing"} onChange={() => setMode("all_or_nothing")} />
              Import nothing until every row is right
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="mode" value="partial" checked={mode === "partial"} onChange={() => setMode("partial")} />
              Import the good rows, skip the others
            </label>
          </fieldset>
          <div className="sm:col-span-2">
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-1"
                checked={duplicates === "import"}
                disabled={busy}
                aria-describedby="import-duplicates-help"
                onChange={(e) => {
                  setDuplicates(e.target.checked ? "import" : "skip");
                  imp.reset();
                }}
              />
              Also import rows that repeat a post already here
            </label>
            <p id="import-duplicates-help" className="ml-6 text-xs text-slate-600 dark:text-slate-400">
              Off (the default): such rows are skipped and listed with the post they repeat. A row of a post exported from this workspace is always skipped.
            </p>
          </div>
          <div className="sm:col-span-2">
            <button type="submit" className="btn-secondary" disabled={busy}>
              {phase === "checked" ? "Check again" : "Check file"}
            </button>
          </div>
        </form>
      )}

      {busy && (
        <ProgressBar label={phase === "checking" ? "Checking rows (nothing is saved)" : "Importing"} done={progress.done} total={progress.total} unit="rows" />
      )}
      {phase === "done" && <ProgressBar label="Imported" done={progress.done} total={progress.total} unit="rows" />}
      <FormError message={imp.error} />

      {report && phase === "checked" && (
        <div className="space-y-3">
          <p role="status" data-testid="import-summary" className="text-sm">
            Checked {plural(report.rows.length, "row")}: {f.number(report.ok)} ready ({plural(report.schedules, "schedule")}){skipped(report.skipped)},{" "}
            {plural(report.errors, "row")} with errors. Nothing has been saved yet.
          </p>
          <ImportErrors rows={report.rows} />
          <ImportNotes rows={report.rows} />
          {canImport ? (
            <button type="button" className="btn-primary" onClick={onImport}>
              Import {plural(report.posts, "post")}
            </button>
          ) : (
            <p className="text-sm text-slate-700 dark:text-slate-300">
              {report.ok === 0 && report.errors === 0
                ? "Nothing to import: every row is already in this workspace or left out (see above)."
                : report.ok === 0
                  ? "No row can be imported."
                  : "Fix the rows above and check the file again, or choose to skip them."}{" "}
              Nothing was imported.
            </p>
          )}
        </div>
      )}

      {report && phase === "done" && (
        <div className="space-y-3">
          <p role="status" data-testid="import-summary" className="text-sm">
            Imported {plural(report.posts, "post")} and {plural(report.schedules, "schedule")}
            {report.errors ? `; ${plural(report.errors, "row")} with errors skipped` : ""}
            {report.skipped ? `; ${plural(report.skipped, "row")} left out` : ""}.
          </p>
          <ImportErrors rows={report.rows} />
          <ImportNotes rows={report.rows} />
          <button type="button" className="btn-secondary" onClick={imp.reset}>
            Import another file
          </button>
        </div>
      )}
    </section>
  );
}

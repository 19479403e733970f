"use client";
import { useState } from "react";
import { deleteContentAction, importCsvAction } from "@/app/_actions/content";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { useFormat } from "@/components/ui/FormatProvider";
import { decodeCsv, sliceCsv, type CsvSlice } from "./importChunks";

export type ImportMode = "all_or_nothing" | "partial";
/** A row that repeats a post already in the workspace: skip it (default) or import it anyway. */
export type Duplicates = "skip" | "import";
export interface RowOutcome {
  line: number;
  status: "ok" | "error" | "skipped";
  title?: string;
  errors?: { field: string | null; message: string }[];
  notes?: string[];
  /** The post of this workspace the row already is (skipped) or resembles. */
  existing?: { id: string; title: string };
  /** The line of the row that makes this row's post (rows with the same content_item_id). */
  samePostAs?: number;
  contentId?: string;
  schedules: number;
}
export interface ImportReport {
  dryRun: boolean;
  rows: RowOutcome[];
  /** Rows that will be (were) imported, and the posts they make: rows of one post count once. */
  ok: number;
  posts: number;
  errors: number;
  skipped: number;
  schedules: number;
}
type Phase = "idle" | "checking" | "checked" | "importing" | "done";

/**
 * Runs the import wizard: read and slice the file, check every slice (dry run), then import slice
 * by slice. The bar counts rows the server has answered for, nothing else.
 */
export function useCsvImport(maxRows: number) {
  const ws = useWorkspaceId();
  const f = useFormat();
  const [phase, setPhase] = useState<Phase>("idle");
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const [report, setReport] = useState<ImportReport | null>(null);
  const [slices, setSlices] = useState<{ name: string; list: CsvSlice[] } | null>(null);

  function reset() {
    setPhase("idle");
    setError(null);
    setReport(null);
    setSlices(null);
    setProgress({ done: 0, total: 0 });
  }

  async function send(
    list: CsvSlice[],
    name: string,
    dryRun: boolean,
    mode: ImportMode,
    duplicates: Duplicates,
  ): Promise<{ report: ImportReport; failure?: string }> {
    const total = list.reduce((n, s) => n + s.lines.length, 0);
    const rows: RowOutcome[] = [];
    const summary = () => {
      // A slice may hold rows of the file in another order (rows of one post travel together).
      rows.sort((a, b) => a.line - b.line);
      const ok = rows.filter((r) => r.status === "ok");
      const errors = rows.filter((r) => r.status === "error").length;
      return {
        dryRun,
        rows,
        ok: ok.length,
        posts: ok.filter((r) => r.samePostAs === undefined).length,
        errors,
        skipped: rows.length - ok.length - errors,
        schedules: ok.reduce((n, r) => n + r.schedules, 0),
      };
    };
    setProgress({ done: 0, total });
    for (const slice of list) {
      const res = await importCsvAction({ file: new File([slice.text], name, { type: "text/csv" }), dry_run: dryRun, mode, duplicates, refresh: false }, ws);
      if (!res.ok) return { report: summary(), failure: res.error.message };
      const original = new Map(res.data.rows.map((r, i) => [r.line, slice.lines[i] ?? r.line]));
      const answered = res.data.rows.map(
        (r, i): RowOutcome => ({
          // The server numbers the slice's lines; the original file's line of each record was kept aside.
          line: slice.lines[i] ?? r.line,
          status: r.status,
          title: r.title,
          errors: r.errors,
          notes: r.notes,
          existing: r.existing,
          samePostAs: r.same_post_as === undefined ? undefined : (original.get(r.same_post_as) ?? r.same_post_as),
          contentId: r.content_item_id,
          schedules: r.schedules?.length ?? 0,
        }),
      );
      if (!dryRun && !res.data.committed) {
        const bad = answered.find((r) => r.status === "error");
        return { report: summary(), failure: `line ${bad?.line ?? "?"} was refused: ${bad?.errors?.map((e) => e.message).join("; ") ?? "unknown error"}` };
      }
      rows.push(...answered);
      setProgress((p) => ({ ...p, done: p.done + slice.lines.length }));
    }
    return { report: summary() };
  }

  async function check(file: File | null, mode: ImportMode, duplicates: Duplicates) {
    reset();
    if (!file) return setError("Choose a CSV file first.");
    if (file.size > 20 * 1024 * 1024) return setError("The file is larger than 20 MB; split it.");
    const decoded = decodeCsv(await file.arrayBuffer());
    if (!decoded.ok) return setError(decoded.message);
    const sliced = sliceCsv(decoded.text, { maxRows, formatNumber: f.number });
    if (!sliced.ok) return setError(sliced.message);
    setSlices({ name: file.name, list: sliced.slices });
    setPhase("checking");
    const r = await send(sliced.slices, file.name, true, mode, duplicates);
    if (r.failure) {
      setError(r.failure);
      return setPhase("idle");
    }
    setReport(r.report);
    setPhase("checked");
  }

  /**
   * The real run. All-or-nothing holds across slices too: if a slice is refused (the data changed
   * since the check), what the earlier slices created is deleted again.
   */
  async function commit(mode: ImportMode, duplicates: Duplicates): Promise<ImportReport | null> {
    if (!slices) return null;
    setPhase("importing");
    setError(null);
    const { report: done, failure } = await send(slices.list, slices.name, false, mode, duplicates);
    if (!failure) {
      setReport(done);
      setPhase("done");
      return done;
    }
    const kept = [...new Set(done.rows.filter((r) => r.contentId).map((r) => r.contentId!))];
    if (mode === "all_or_nothing" && kept.length) {
      let undone = 0;
      for (const id of kept) if ((await deleteContentAction({ id }, ws)).ok) undone++;
      setError(
        `The import stopped: ${failure}. The ${undone} post${undone === 1 ? "" : "s"} imported before it ${undone === 1 ? "was" : "were"} removed again${undone < kept.length ? `, ${kept.length - undone} could not be` : ""}.`,
      );
    } else {
      setError(`The import stopped: ${failure}. ${kept.length} post${kept.length === 1 ? " was" : "s were"} imported before it and kept.`);
    }
    setPhase("checked");
    return null;
  }

  return { phase, error, progress, report, check, commit, reset };
}

"use client";
import { useState } from "react";

export interface Problem {
  row: number;
  column: string | null;
  message: string;
}
export interface HistoryResult {
  dry_run: boolean;
  rows: number;
  created: number;
  updated: number;
  without_rate: number;
  posted_from: string;
  posted_to: string;
  accounts: { id: string; name: string; platform: string; posts: number; created: number; updated: number }[];
  warnings: Problem[];
}
/** The file was refused: the server's message and, for rows, every problem. */
export interface Refusal {
  message: string;
  errors: Problem[];
}
type Phase = "idle" | "checking" | "checked" | "importing" | "done";
type Line =
  | { type: "progress"; stage: "check" | "write"; rows: number; total: number | null }
  | ({ type: "result" } & HistoryResult)
  | { type: "error"; error: { code: string; message: string; details?: { errors?: Problem[] } } };

/** Rows of the file as a spreadsheet shows them (header and empty lines left out): the bar's total while checking. */
const rowsIn = (text: string) => text.split(/\r\n|\r|\n/).filter((l) => l.replace(/[,\s]/g, "") !== "").length - 1;

/**
 * The history import screen's state: check the file (a dry run), then import it, both through
 * POST /api/v1/analytics/import with NDJSON progress, so the bar follows the server's own count.
 */
export function useHistoryImport(maxBytes: number) {
  const [phase, setPhase] = useState<Phase>("idle");
  const [stage, setStage] = useState<"check" | "write">("check");
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const [result, setResult] = useState<HistoryResult | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);

  function reset() {
    setPhase("idle");
    setResult(null);
    setRefusal(null);
    setError(null);
    setFile(null);
    setProgress({ done: 0, total: 0 });
  }

  async function send(text: string, dryRun: boolean): Promise<HistoryResult | null> {
    const total = Math.max(0, rowsIn(text));
    setStage("check");
    setProgress({ done: 0, total });
    let res: Response;
    try {
      res = await fetch(`/api/v1/analytics/import${dryRun ? "?dry_run=true" : ""}`, {
        method: "POST",
        headers: { "content-type": "text/csv; charset=utf-8", accept: "application/x-ndjson" },
        body: text,
      });
    } catch {
      setError("The file did not reach the server. Check your connection and try again.");
      return null;
    }
    if (!res.ok || !res.body) {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      setError(body?.error?.message ?? `The server refused the file (${res.status}).`);
      return null;
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = "";
    let done: HistoryResult | null = null;
    const handle = (raw: string) => {
      if (!raw.trim()) return;
      const line = JSON.parse(raw) as Line;
      if (line.type === "progress") {
        setStage(line.stage);
        setProgress({ done: line.rows, total: line.total ?? total });
      } else if (line.type === "result") {
        done = line;
      } else if (line.error.details?.errors?.length) setRefusal({ message: line.error.message, errors: line.error.details.errors });
      else setError(line.error.message);
    };
    try {
      for (;;) {
        const r = await reader.read();
        if (r.done) break;
        buffered += r.value;
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        lines.forEach(handle);
      }
      handle(buffered);
    } catch {
      setError("The connection broke before the server answered. Check the file again to see what was kept.");
      return null;
    }
    return done;
  }

  async function check(chosen: File | null) {
    reset();
    if (!chosen) return setError("Choose a CSV file first.");
    if (chosen.size > maxBytes) return setError(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; split it.`);
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await chosen.arrayBuffer());
    } catch {
      return setError("The file is not UTF-8 text; save it as CSV UTF-8 and choose it again.");
    }
    setFile({ name: chosen.name, text });
    setPhase("checking");
    const r = await send(text, true);
    setResult(r);
    setPhase(r ? "checked" : "idle");
  }

  async function commit() {
    if (!file) return;
    setPhase("importing");
    setError(null);
    setRefusal(null);
    const r = await send(file.text, false);
    // Refused now (an account renamed since the check …): the refusal replaces the check's summary.
    setResult(r);
    setPhase(r ? "done" : "checked");
    return r;
  }

  return { phase, stage, progress, result, refusal, error, file, check, commit, reset };
}

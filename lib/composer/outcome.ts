/** The one toast a composer save ends with: what happened, what it waits for, and its warnings. */

export type SaveMode = "draft" | "schedule" | "add" | "now" | "queue" | "best";

const posts = (n: number) => `${n} post${n === 1 ? "" : "s"}`;

const DONE: Record<SaveMode, (n: number) => string> = {
  draft: () => "Draft saved",
  schedule: (n) => `Scheduled ${posts(n)}`,
  add: (n) => `Added ${posts(n)}`,
  now: (n) => `Publishing ${posts(n)} now`,
  queue: (n) => `Queued ${posts(n)} in the next free slot`,
  best: (n) => `Scheduled ${posts(n)} at the best free time`,
};

/** Several warnings become one line (a count and each distinct message), never a toast each. */
export function warningSummary(warnings: string[]): string {
  const distinct = [...new Set(warnings)];
  if (!distinct.length) return "";
  return distinct.length === 1 ? `Warning: ${distinct[0]}` : `${distinct.length} warnings: ${distinct.join(" · ")}`;
}

export function saveMessage(r: {
  mode: SaveMode;
  schedules: number;
  summary?: string | null;
  warnings: string[];
  waitingForApproval: boolean;
  keptOpen: number;
}): { message: string; kind: "success" | "info" } {
  let head = r.summary ?? DONE[r.mode](r.schedules);
  if (r.mode === "now" && r.waitingForApproval) head = `${posts(r.schedules)} will publish as soon as a reviewer approves`;
  else if (r.mode !== "draft" && r.waitingForApproval) head += " — waiting for approval";
  if (r.mode === "draft" && r.keptOpen) head += ` — the ${posts(r.keptOpen)} scheduled stay as they are`;
  const warned = warningSummary(r.warnings);
  return { message: warned ? `${head}. ${warned}` : `${head}.`, kind: warned ? "info" : "success" };
}

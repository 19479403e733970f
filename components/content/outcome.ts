/** Per-item outcomes of a bulk action, in words for a toast and a list for the summary. */
export interface Outcome {
  done: string[];
  refused: { id: string; message: string }[];
}

export interface OutcomeSummary {
  message: string;
  kind: "success" | "error" | "info";
  refused: { id: string; title: string; message: string }[];
}

const posts = (n: number) => `${n} post${n === 1 ? "" : "s"}`;

/**
 * "Archived 2 posts." / "Archived 1 post; 1 refused." / "Nothing was scheduled: 2 refused."
 * `selected`: how many were asked for (an all-or-nothing action refuses some and keeps none).
 */
export function summarize(verb: string, o: Outcome, titleOf: (id: string) => string, selected: number): OutcomeSummary {
  const refused = o.refused.map((r) => ({ ...r, title: titleOf(r.id) }));
  if (!refused.length) return { message: `${verb} ${posts(o.done.length)}.`, kind: "success", refused };
  if (!o.done.length) {
    return { message: `Nothing was ${verb.toLowerCase()}: ${refused.length} of ${selected} refused.`, kind: "error", refused };
  }
  return { message: `${verb} ${posts(o.done.length)}; ${refused.length} refused.`, kind: "info", refused };
}

/**
 * What pressing Schedule means on content that already has open (pending or paused) schedules:
 * the plan is worked out here, free of the database, so the composer can show it (and ask for a
 * confirmation of what would be cancelled) and the server applies exactly the same plan.
 *
 * - "the post" is the anchor (the open schedule the picker was filled from) and the schedules at
 *   the same time; a new date, time or zone moves them, it never adds another one;
 * - an account that is no longer ticked loses its open schedules (after a confirmation);
 * - a newly ticked account gets one at the picked time;
 * - "Add another time" adds the picked time for the ticked accounts, keeping what exists;
 * - an occurrence of a recurring series: "this post only" treats it as the post, "the whole
 *   series" changes the series (its start time, zone and accounts).
 */

export interface OpenSchedule {
  id: string;
  version: number;
  accountId: string;
  accountName: string;
  platformName: string;
  /** Wall time "YYYY-MM-DDTHH:mm" in `timezone`. */
  localTime: string;
  timezone: string;
  /** The instant, ISO. */
  at: string;
  seriesId: string | null;
  status: string;
}

export type EditScope = "post" | "series";
export type EditIntent = "schedule" | "add_time";

export interface EditRequest {
  /** Ticked accounts. */
  accounts: string[];
  /** Picked wall time "YYYY-MM-DDTHH:mm". */
  local: string;
  timezone: string;
  anchorId: string | null;
  scope: EditScope;
  intent: EditIntent;
}

export interface EditPlan {
  move: OpenSchedule[];
  cancel: OpenSchedule[];
  /** Accounts that get a new schedule at the picked time. */
  add: string[];
  /** A change of the whole series: its accounts become `accounts`; `move` when its time changes. */
  series: { id: string; accounts: string[]; added: string[]; move: boolean } | null;
  /** The anchor's time differs from the picked one. */
  timeChanged: boolean;
}

const minute = (local: string) => local.slice(0, 16);

/** The anchor: the named open schedule, if it is still open. */
export function anchorOf(open: OpenSchedule[], anchorId: string | null): OpenSchedule | null {
  return (anchorId && open.find((s) => s.id === anchorId)) || null;
}

/** Whether saving would ask "this post only" or "the whole series". */
export function asksScope(open: OpenSchedule[], anchorId: string | null): boolean {
  return !!anchorOf(open, anchorId)?.seriesId;
}

export function planEdit(open: OpenSchedule[], req: EditRequest): EditPlan {
  const anchor = anchorOf(open, req.anchorId);
  const ticked = new Set(req.accounts);
  const wholeSeries = anchor?.seriesId && req.scope === "series" ? anchor.seriesId : null;
  const timeChanged = !!anchor && (minute(anchor.localTime) !== minute(req.local) || anchor.timezone !== req.timezone);
  // The post being edited: the anchor and what goes out with it (same wall time and zone, same
  // series or none). Not the same instant: a retry or a rate-limit wait moves one account's
  // instant, and that schedule is still part of the post.
  const group =
    anchor && !wholeSeries
      ? open.filter((s) => minute(s.localTime) === minute(anchor.localTime) && s.timezone === anchor.timezone && s.seriesId === anchor.seriesId)
      : [];
  // Schedules an unticked account loses: every one-off, the edited occurrence, or the whole series.
  const inScope = (s: OpenSchedule) => s.seriesId === null || group.includes(s) || (wholeSeries !== null && s.seriesId === wholeSeries);
  const cancel = open.filter((s) => inScope(s) && !ticked.has(s.accountId));
  const has = (accountId: string) => open.some((s) => s.accountId === accountId && !cancel.includes(s));

  if (req.intent === "add_time") {
    // Never twice at one time: an account already out at the picked minute is left as it is.
    const atPicked = (a: string) =>
      open.some((s) => s.accountId === a && minute(s.localTime) === minute(req.local) && s.timezone === req.timezone && !cancel.includes(s));
    return { move: [], cancel, add: req.accounts.filter((a) => !atPicked(a)), series: null, timeChanged };
  }
  if (wholeSeries) {
    const current = new Set(open.filter((s) => s.seriesId === wholeSeries).map((s) => s.accountId));
    const added = req.accounts.filter((a) => !current.has(a));
    return { move: [], cancel, add: [], series: { id: wholeSeries, accounts: [...req.accounts], added, move: timeChanged }, timeChanged };
  }
  const move = timeChanged ? group.filter((s) => ticked.has(s.accountId)) : [];
  const add = req.accounts.filter((a) => !has(a) && !group.some((s) => s.accountId === a));
  return { move, cancel, add, series: null, timeChanged };
}

/** Nothing to change on the schedules. */
export function planIsEmpty(p: EditPlan): boolean {
  return !p.move.length && !p.cancel.length && !p.add.length && !(p.series && (p.series.move || p.series.added.length));
}

import { formatWhen } from "./time";
import type { Blackout, Slot } from "./types";

/** How a message names a post: its title in quotes when the caller supplied one. */
export function label(slot: Pick<Slot, "title">, fallback: string): string {
  return slot.title ? `“${slot.title}”` : fallback;
}

/** "the workspace-wide blackout 2026-12-24 00:00 – 2026-12-27 00:00 (Europe/Berlin): Holidays" */
export function describeBlackout(b: Blackout, tz: string): string {
  const scope = b.accountId === null ? "the workspace-wide blackout" : "this account's blackout";
  const window = `${formatWhen(b.startsAt.getTime(), tz)} – ${formatWhen(b.endsAt.getTime(), tz)} (${tz})`;
  return `${scope} ${window}${b.reason ? `: ${b.reason}` : ""}`;
}

export function idsOf(slots: readonly Slot[]): string[] {
  return slots.flatMap((s) => (s.id === undefined ? [] : [s.id]));
}

export function byInstant(a: Slot, b: Slot): number {
  // Ties broken by id so every caller sees the same order for the same data.
  return a.instant.getTime() - b.instant.getTime() || (a.id ?? "").localeCompare(b.id ?? "");
}

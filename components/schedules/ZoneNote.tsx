import type { Format, When } from "@/lib/format";
import { zoneNote } from "./zone-note";

/** " · 9:00 AM Europe/Berlin" after the person's time when the schedule keeps another zone's wall time. */
export function ZoneNote({ f, at, zone }: { f: Format; at: When; zone: string | null | undefined }) {
  const note = zoneNote(f, at, zone);
  return note ? (
    <span className="text-slate-600 dark:text-slate-400" data-testid="zone-note">
      {" "}
      ({note})
    </span>
  ) : null;
}

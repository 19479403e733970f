import { DAY_MS, checkLocal, dayNumberOf, formatLocal, isValidTimeZone, resolveLocal, utcToLocal, wallMs } from "../time";
import { cronGenerator, rruleGenerator } from "./generate";
import type { ExpandOptions, Occurrence, ParsedRule } from "./types";

/**
 * No zone is more than a day away from UTC (historic extremes are about ±16h), so a wall time more
 * than a day before `from` is certainly before it in UTC too and needs no Intl conversion.
 */
const SAFE_MARGIN_MS = DAY_MS;

/**
 * Occurrences of `rule` whose instants fall in [from, to), ascending, at most `limit`.
 *
 * Occurrences are generated as wall times in `timezone` and converted one by one, so a daily 09:00
 * stays 09:00 across DST changes. A wall time inside a DST gap is moved forward by the gap's length
 * and marked `shifted`; a wall time shown twice takes the earlier instant. COUNT counts generated
 * occurrences from `start` on, wherever the window is, so the same rule always yields the same set.
 * If a shifted occurrence lands on the instant of a real one (02:30 and 03:30 on a spring-forward
 * day), only one is returned, since a schedule must not fire twice at once.
 *
 * Throws RangeError for an invalid start, zone, window or limit: callers validate those first.
 */
export function expandOccurrences(rule: ParsedRule, options: ExpandOptions): Occurrence[] {
  const { start, timezone: tz, from, to } = options;
  const limit = options.limit ?? 1000;
  const startProblem = checkLocal(start);
  if (startProblem) throw new RangeError(`start is not a valid time: ${startProblem}`);
  if (!isValidTimeZone(tz)) throw new RangeError(`"${tz}" is not a known IANA time zone`);
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) throw new RangeError("from and to must be valid Dates");
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a whole number of 0 or more, not ${limit}`);

  const until = rule.until;
  if (limit === 0 || toMs <= fromMs) return [];
  if (until?.kind === "instant" && until.instant.getTime() < fromMs) return [];
  // Wall-clock bounds are exclusive here; UNTIL itself is inclusive.
  const untilWallEnd = until?.kind === "local" ? wallMs(until.local) + 1 : until?.kind === "date" ? (dayNumberOf(until.date) + 1) * DAY_MS : Infinity;
  const untilInstant = until?.kind === "instant" ? until.instant.getTime() : Infinity;
  const startWall = wallMs(start);

  // Without COUNT nothing before the window matters, so the walk can begin just before it.
  const firstDay = rule.count === undefined ? Math.floor((fromMs - SAFE_MARGIN_MS) / DAY_MS) - 1 : -Infinity;
  const lastDay = Math.min(Math.floor((toMs + SAFE_MARGIN_MS) / DAY_MS) + 1, Math.floor(untilWallEnd / DAY_MS));
  const generate = rule.kind === "rrule" ? rruleGenerator(rule.rrule) : cronGenerator(rule.cron);

  const found: Occurrence[] = [];
  const byInstant = new Map<number, Occurrence>();
  let generated = 0;
  for (const candidate of generate(start, firstDay, lastDay)) {
    const w = wallMs(candidate);
    if (w < startWall) continue;
    if (w >= untilWallEnd || w - SAFE_MARGIN_MS >= toMs) break;

    // Shifted occurrences are the only ones whose instants can run ahead of later candidates, so
    // they are skipped past a bound while an unshifted one ends the walk.
    const resolved = w + SAFE_MARGIN_MS < fromMs ? null : resolveLocal(candidate, tz);
    if (resolved && resolved.instant.getTime() > untilInstant) {
      if (resolved.shifted) continue;
      break;
    }
    generated++;
    if (rule.count !== undefined && generated > rule.count) break;
    if (!resolved) continue;

    const t = resolved.instant.getTime();
    if (t >= toMs) {
      if (resolved.shifted) continue;
      break;
    }
    if (t < fromMs) continue;
    const same = byInstant.get(t);
    if (same) {
      if (!resolved.shifted) same.shifted = false;
      continue;
    }
    const occurrence: Occurrence = {
      local: formatLocal(resolved.shifted ? utcToLocal(resolved.instant, tz) : candidate),
      instant: resolved.instant,
      shifted: resolved.shifted,
    };
    found.push(occurrence);
    byInstant.set(t, occurrence);
    // Every later candidate is after an unshifted one in UTC too, so once `limit` found are no
    // later than it, nothing can displace them.
    if (!resolved.shifted && found.length >= limit && found.filter((o) => o.instant.getTime() <= t).length >= limit) break;
  }
  return found.sort((a, b) => a.instant.getTime() - b.instant.getTime()).slice(0, limit);
}

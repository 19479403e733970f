import { parseCron } from "./cron";
import { parseRRule } from "./rrule";
import type { CronFields, ParsedRule, RecurrenceSpec, RRuleParts, Until } from "./types";
import { parseUntil } from "./until";

export type ParseRecurrenceResult = { ok: true; rule: ParsedRule } | { ok: false; message: string };

const describeUntil = (u: Until): string => JSON.stringify(u.kind === "instant" ? u.instant : u.kind === "local" ? u.local : u.date);

/**
 * Validates a stored or submitted recurrence. Every refusal names the part at fault so it can be
 * shown as is; an endless rule is accepted but marked `unbounded`.
 */
export function parseRecurrence(spec: RecurrenceSpec): ParseRecurrenceResult {
  let source: string;
  let body: { kind: "rrule"; rrule: RRuleParts } | { kind: "cron"; cron: CronFields };
  let count: number | undefined;
  let until: Until | undefined;

  if ("rrule" in spec && typeof spec.rrule === "string") {
    const r = parseRRule(spec.rrule);
    if (!r.ok) return { ok: false, message: `rrule: ${r.message}` };
    source = spec.rrule.trim();
    body = { kind: "rrule", rrule: r.rrule };
    count = r.count;
    until = r.until;
  } else if ("cron" in spec && typeof spec.cron === "string") {
    const r = parseCron(spec.cron);
    if (!r.ok) return { ok: false, message: `cron: ${r.message}` };
    source = spec.cron.trim();
    body = { kind: "cron", cron: r.cron };
  } else {
    return { ok: false, message: "give either rrule or cron as a string" };
  }

  if (spec.count !== undefined) {
    if (!Number.isSafeInteger(spec.count) || spec.count < 1) return { ok: false, message: `count must be a whole number of 1 or more, not ${spec.count}` };
    if (count !== undefined && count !== spec.count)
      return { ok: false, message: `count is given twice and differs: COUNT=${count} in the rule, count ${spec.count}` };
    count = spec.count;
  }
  if (spec.until !== undefined) {
    const r = parseUntil(String(spec.until), "until");
    if (!r.ok) return { ok: false, message: r.message };
    if (until !== undefined && describeUntil(until) !== describeUntil(r.until)) {
      return { ok: false, message: `until is given twice and differs: UNTIL in the rule and until "${spec.until}"` };
    }
    until = r.until;
  }
  if (count !== undefined && until !== undefined) return { ok: false, message: "give either count or until, not both (RFC 5545 allows one end per rule)" };

  return {
    ok: true,
    rule: {
      ...body,
      source,
      ...(count !== undefined && { count }),
      ...(until !== undefined && { until }),
      unbounded: count === undefined && until === undefined,
    },
  };
}

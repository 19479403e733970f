/** The retention form's rules, apart from React: what each row holds, what it means, what to ask before saving. */
import { daysSchema, RETENTION_KINDS, RETENTION_RULES, type RetentionKind, type RetentionSettings } from "@/lib/retention/settings";

/** One row as typed: the days as text (what the number field holds) and "keep forever". */
export interface RowInput {
  days: string;
  forever: boolean;
}
export type Rows = Record<RetentionKind, RowInput>;

export const daysText = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

export function rowsFrom(settings: RetentionSettings): Rows {
  return Object.fromEntries(
    RETENTION_KINDS.map((k) => {
      const v = settings[k];
      // A kind kept forever shows its default in the field, ready if the box is unticked.
      return [k, { days: String(v ?? RETENTION_RULES[k].defaultDays), forever: v === null }];
    }),
  ) as Rows;
}

/** The values of the rows that are valid, and a message for each that is not. */
export function readRows(rows: Rows): { values: Partial<RetentionSettings>; errors: Partial<Record<RetentionKind, string>> } {
  const values: Partial<RetentionSettings> = {};
  const errors: Partial<Record<RetentionKind, string>> = {};
  for (const k of RETENTION_KINDS) {
    const r = RETENTION_RULES[k];
    const row = rows[k];
    const raw = row.forever ? null : row.days.trim() === "" || !/^\d+$/.test(row.days.trim()) ? NaN : Number(row.days);
    const parsed = daysSchema(k).safeParse(raw);
    if (parsed.success) values[k] = parsed.data;
    else errors[k] = `From ${r.minDays} to ${r.maxDays} days${r.forever ? ", or keep forever" : ""}.`;
  }
  return { values, errors };
}

/** The question asked before saving settings that remove rows; null when they remove none. */
export function confirmQuestion(wouldRemove: Record<RetentionKind, number>, formatNumber: (n: number) => string): string | null {
  const parts = RETENTION_KINDS.filter((k) => wouldRemove[k] > 0).map((k) => `${RETENTION_RULES[k].label}: ${formatNumber(wouldRemove[k])}`);
  if (!parts.length) return null;
  return `These settings remove rows for good at the next pruning (within the hour):\n${parts.join("\n")}\n\nSave them?`;
}

/**
 * How long a workspace keeps each kind of history, as stored in `workspaces.settings.retention`:
 * days per kind, `null` to keep forever. Kinds left unset follow the default, so a changed default
 * reaches every workspace that never chose. Pure (zod only): the settings screen shows the same
 * labels, defaults and bounds the server checks.
 */
import { z } from "zod";
import { RETENTION_KINDS } from "@/db/schema/values";

export { RETENTION_KINDS };
export type RetentionKind = (typeof RETENTION_KINDS)[number];
/** Days per kind; null keeps forever. */
export type RetentionSettings = Record<RetentionKind, number | null>;

export interface KindRule {
  label: string;
  /** What goes, and what is kept whatever the setting. */
  description: string;
  defaultDays: number;
  minDays: number;
  maxDays: number;
  /** Whether "keep forever" is allowed. */
  forever: boolean;
}

/**
 * Defaults: the two kinds that were already pruned keep their old windows (events a day, webhook
 * deliveries 30 days); the kinds kept forever until now get a year or two. Minimums keep what the
 * app still reads: analytics are measured up to 30 days after publishing, emails of notifications
 * go out within 3 days, the analytics screens look back 30 days and more.
 */
export const RETENTION_RULES: Record<RetentionKind, KindRule> = {
  publish_attempts: {
    label: "Publish attempts",
    description:
      "Each try to publish a post, with its answer (job monitor, analytics). Attempts of posts still waiting or publishing are kept, and the last attempt of a failed post, which a retry by hand needs.",
    defaultDays: 365,
    minDays: 30,
    maxDays: 3650,
    forever: true,
  },
  analytics: {
    label: "Analytics measurements",
    description: "Engagement readings of published posts. Best-time suggestions keep what they learnt from them.",
    defaultDays: 730,
    minDays: 30,
    maxDays: 3650,
    forever: true,
  },
  events: {
    label: "Events",
    description:
      "The event log behind live updates, notifications and webhooks. An event is kept until notifications and webhooks have handled it (30 days at most).",
    defaultDays: 1,
    minDays: 1,
    maxDays: 30,
    forever: false,
  },
  notifications: {
    label: "Notifications",
    description: "In-app notifications, read or not.",
    defaultDays: 90,
    minDays: 7,
    maxDays: 3650,
    forever: true,
  },
  audit_log: {
    label: "Audit log",
    description: "Who changed what, sign-ins included.",
    defaultDays: 365,
    minDays: 30,
    maxDays: 3650,
    forever: true,
  },
  webhook_deliveries: {
    label: "Webhook deliveries",
    description: "The delivery log of outgoing webhooks. Deliveries still waiting or retrying are kept.",
    defaultDays: 30,
    minDays: 1,
    maxDays: 3650,
    forever: true,
  },
};

function perKind<T>(make: (kind: RetentionKind) => T): Record<RetentionKind, T> {
  return Object.fromEntries(RETENTION_KINDS.map((k) => [k, make(k)])) as Record<RetentionKind, T>;
}

export const DEFAULT_RETENTION: RetentionSettings = perKind((k) => RETENTION_RULES[k].defaultDays);

/** The bounds of one kind in words, for every refusal. */
export function boundsText(kind: RetentionKind): string {
  const r = RETENTION_RULES[kind];
  return `${r.label}: from ${r.minDays} to ${r.maxDays} days${r.forever ? ", or keep forever (null)" : " (cannot be kept forever)"}`;
}

/** One kind's days: a whole number within its bounds, or null where keeping forever is allowed. */
export function daysSchema(kind: RetentionKind) {
  const r = RETENTION_RULES[kind];
  const message = boundsText(kind);
  const days = z.number({ message }).int({ message }).min(r.minDays, { message }).max(r.maxDays, { message });
  return r.forever ? days.nullable() : days;
}

/** Body of `PUT /workspace/retention`: kinds left out follow the default. */
export const retentionSchema = z.strictObject(perKind((k) => daysSchema(k).optional()));
export type RetentionInput = z.output<typeof retentionSchema>;

/** Query of the preview: days or `forever` per kind; kinds left out keep the saved setting. */
export const retentionPreviewQuery = z.strictObject(
  perKind((k) =>
    z
      .string()
      .regex(/^(\d{1,6}|forever)$/, { message: `${boundsText(k)}; give a number of days or "forever"` })
      .transform((v) => (v === "forever" ? null : Number(v)))
      .pipe(daysSchema(k))
      .optional(),
  ),
);

const settingsShape = z.object(perKind(() => z.number().int().nullable())).describe("Days kept per kind; null keeps forever");

export const retentionView = z.object({
  settings: settingsShape,
  defaults: settingsShape,
  limits: z.object(perKind(() => z.object({ min_days: z.number().int(), max_days: z.number().int(), keep_forever: z.boolean() }))),
});
export type RetentionView = z.output<typeof retentionView>;

export const retentionPreview = z.object({
  settings: settingsShape,
  would_remove: z.object(perKind(() => z.number().int().min(0))).describe("Rows the next pruning would remove under these settings, counted now"),
  total: z.number().int().min(0),
});
export type RetentionPreview = z.output<typeof retentionPreview>;

/**
 * The settings from whatever is stored: each kind's own value when it is valid, else its default
 * (a value written by hand or by an older version never stops the pruning of the others).
 */
export function readRetention(stored: unknown): RetentionSettings {
  const s = stored && typeof stored === "object" && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  return perKind((k) => {
    if (!(k in s)) return DEFAULT_RETENTION[k];
    const parsed = daysSchema(k).safeParse(s[k]);
    return parsed.success ? parsed.data : DEFAULT_RETENTION[k];
  });
}

/** The answer of GET and PUT: the settings in force, the defaults and the bounds. */
export function retentionViewOf(settings: RetentionSettings): RetentionView {
  return {
    settings,
    defaults: { ...DEFAULT_RETENTION },
    limits: perKind((k) => ({ min_days: RETENTION_RULES[k].minDays, max_days: RETENTION_RULES[k].maxDays, keep_forever: RETENTION_RULES[k].forever })),
  };
}

/**
 * Who wants to hear about what, and when: per-person choices per trigger and channel, quiet hours
 * in the person's zone, and the optional daily digest. Stored in user_preferences
 * (notification_prefs, quiet_hours); missing entries mean the defaults below.
 */
import { z } from "zod";
import { addDaysLocal, resolveLocal, utcToLocal, isValidTimeZone } from "../time";

export const TRIGGERS = [
  "content_submitted",
  "content_approved",
  "content_changes_requested",
  "content_rejected",
  "publishing_failed",
  "account_needs_reconnect",
  "schedule_missed",
  "alert_fired",
  "alert_resolved",
] as const;
export type Trigger = (typeof TRIGGERS)[number];
export const CHANNELS = ["in_app", "email"] as const;
export type Channel = (typeof CHANNELS)[number];

export const TRIGGER_LABELS: Record<Trigger, { label: string; who: string }> = {
  content_submitted: { label: "Submitted for review", who: "to approvers" },
  content_approved: { label: "Approved", who: "to the author" },
  content_changes_requested: { label: "Changes requested", who: "to the author" },
  content_rejected: { label: "Rejected", who: "to the author" },
  publishing_failed: { label: "Publishing failed for good", who: "to the author and admins" },
  account_needs_reconnect: { label: "Account needs reconnecting", who: "to admins" },
  schedule_missed: { label: "Missed schedule", who: "to the author" },
  alert_fired: { label: "Alert fired", who: "to admins" },
  alert_resolved: { label: "Alert resolved", who: "to admins" },
};

export function isTrigger(type: string): type is Trigger {
  return (TRIGGERS as readonly string[]).includes(type);
}

export type ChannelChoice = Record<Channel, boolean>;
export interface QuietHours {
  enabled: boolean;
  /** "HH:MM", local to `timezone`; `end` before `start` spans midnight. */
  start: string;
  end: string;
  timezone: string;
}
export interface NotificationPrefs {
  triggers: Record<Trigger, ChannelChoice>;
  digest: boolean;
  quietHours: QuietHours;
}

export const DEFAULT_QUIET: QuietHours = { enabled: false, start: "22:00", end: "07:00", timezone: "UTC" };

export function defaultPrefs(): NotificationPrefs {
  const triggers = Object.fromEntries(TRIGGERS.map((t) => [t, { in_app: true, email: true }])) as Record<Trigger, ChannelChoice>;
  return { triggers, digest: false, quietHours: { ...DEFAULT_QUIET } };
}

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "use a 24-hour time such as 22:00");
const choice = z.object({ in_app: z.boolean(), email: z.boolean() }).strict();

/** The API and the settings form send the whole set (PUT): every trigger, both channels. */
export const notificationPrefsSchema = z
  .object({
    triggers: z.object(Object.fromEntries(TRIGGERS.map((t) => [t, choice.optional()])) as Record<Trigger, z.ZodOptional<typeof choice>>).strict(),
    digest: z.boolean(),
    quiet_hours: z
      .object({
        enabled: z.boolean(),
        start: clock,
        end: clock,
        timezone: z.string().trim().min(1, "choose a time zone").max(64).refine(isValidTimeZone, "not a known IANA time zone (for example Europe/Berlin)"),
      })
      .strict()
      .refine((q) => !q.enabled || q.start !== q.end, { message: "quiet hours need a start and an end that differ", path: ["end"] }),
  })
  .strict();
export type NotificationPrefsInput = z.infer<typeof notificationPrefsSchema>;

/** Stored JSON (whatever shape an older version left) → the full set, defaults filled in. */
export function resolvePrefs(stored: unknown, quiet: unknown): NotificationPrefs {
  const out = defaultPrefs();
  const s = (stored ?? {}) as { triggers?: Record<string, Partial<ChannelChoice>>; digest?: unknown };
  for (const t of TRIGGERS) {
    const c = s.triggers?.[t];
    if (c) out.triggers[t] = { in_app: c.in_app !== false, email: c.email !== false };
  }
  out.digest = s.digest === true;
  const q = (quiet ?? {}) as Partial<QuietHours>;
  if (typeof q.start === "string" && typeof q.end === "string") {
    out.quietHours = {
      enabled: q.enabled === true,
      start: q.start,
      end: q.end,
      timezone: typeof q.timezone === "string" && isValidTimeZone(q.timezone) ? q.timezone : "UTC",
    };
  }
  return out;
}

/** The input merged over the stored prefs (fields the form does not know, like digest_sent_on, stay). */
export function toStored(input: NotificationPrefsInput, storedPrefs: unknown) {
  const base = defaultPrefs().triggers;
  const triggers = Object.fromEntries(TRIGGERS.map((t) => [t, input.triggers[t] ?? base[t]]));
  const kept = { ...((storedPrefs ?? {}) as Record<string, unknown>) };
  return {
    notificationPrefs: { ...kept, triggers, digest: input.digest },
    quietHours: { enabled: input.quiet_hours.enabled, start: input.quiet_hours.start, end: input.quiet_hours.end, timezone: input.quiet_hours.timezone },
  };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When quiet hours are on and `now` falls inside them: the instant they end (emails wait until
 * then). Otherwise null. A window whose end is before its start spans midnight.
 */
export function quietUntil(q: QuietHours, now: Date): Date | null {
  if (!q.enabled || q.start === q.end) return null;
  const local = utcToLocal(now, q.timezone);
  const m = local.hour * 60 + local.minute;
  const start = minutesOf(q.start);
  const end = minutesOf(q.end);
  const spans = end < start;
  const inside = spans ? m >= start || m < end : m >= start && m < end;
  if (!inside) return null;
  // In a window across midnight, before midnight the end falls on the next day.
  const endDay = spans && m >= start ? addDaysLocal({ ...local, second: 0 }, 1) : { ...local, second: 0 };
  return resolveLocal({ year: endDay.year, month: endDay.month, day: endDay.day, hour: Math.floor(end / 60), minute: end % 60, second: 0 }, q.timezone).instant;
}

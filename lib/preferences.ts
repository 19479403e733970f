import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { readPreferences, writePreferences } from "@/db/queries/preferences";
import { AppError } from "./errors";
import type { Actor } from "./auth/actor";
import { currentZoneName, isValidTimeZone } from "./time";
import { canonicalLocale } from "./format";
import type { PreferencesInput } from "./validation/preferences";

export const DEFAULT_PREFERENCES = {
  timezone: "UTC",
  timezoneConfirmedAt: null as Date | null,
  locale: null as string | null,
  weekStart: 1,
  postingFrequency: {} as Record<string, { min_per_week?: number | null; max_per_week?: number | null }>,
};

/** The signed-in person's scheduling preferences (an API token speaks for its creator). */
export async function getMyPreferences(db: Db, actor: Actor) {
  if (!actor.userId) throw new AppError("bad_request:no_user", "this token has no person behind it");
  return preferencesOfUser(db, actor.userId);
}

/** A person's preferences, or the defaults when they never set any. */
export async function preferencesOfUser(db: Db, userId: string) {
  const row = await readPreferences(db, userId);
  return row ? { ...row, postingFrequency: row.postingFrequency as typeof DEFAULT_PREFERENCES.postingFrequency } : { ...DEFAULT_PREFERENCES, updatedAt: null };
}

export async function setMyPreferences(db: Db, actor: Actor, input: PreferencesInput) {
  if (!actor.userId) throw new AppError("bad_request:no_user", "this token has no person behind it");
  if (input.timezone !== undefined && !isValidTimeZone(input.timezone)) {
    throw new AppError("bad_request:invalid_timezone", `timezone "${input.timezone}" is not a known IANA time zone`, [
      { field: "timezone", message: "unknown time zone" },
    ]);
  }
  const locale = input.locale === undefined || input.locale === null ? input.locale : canonicalLocale(input.locale);
  if (locale === null && input.locale) {
    throw new AppError("bad_request:invalid_locale", `locale "${input.locale}" is not a language tag this server can format for`, [
      { field: "locale", message: "unknown locale" },
    ]);
  }
  return db.transaction(async (tx) => {
    const before = await readPreferences(tx, actor.userId!);
    const row = await writePreferences(tx, actor.userId!, {
      // Choosing a zone (even the one already set) confirms it: the app stops offering the browser's.
      ...(input.timezone !== undefined ? { timezone: currentZoneName(input.timezone), timezoneConfirmedAt: new Date() } : {}),
      ...(locale !== undefined ? { locale } : {}),
      ...(input.week_start !== undefined ? { weekStart: input.week_start } : {}),
      ...(input.posting_frequency !== undefined ? { postingFrequency: input.posting_frequency } : {}),
    });
    await writeAudit(tx, actor, { action: "preferences.update", entityType: "user", entityId: actor.userId, before, after: row });
    return row;
  });
}

/**
 * Confirms the stored zone when the browser agrees with it (nothing to ask the person). Only the
 * confirmation time changes, never the zone, so no audit entry: a zone that differs is confirmed
 * through setMyPreferences, by the person's click.
 */
export async function confirmMyZone(db: Db, actor: Actor, zone: string) {
  if (!actor.userId) throw new AppError("bad_request:no_user", "this token has no person behind it");
  const prefs = await getMyPreferences(db, actor);
  if (prefs.timezoneConfirmedAt || prefs.timezone !== zone) return { confirmed: prefs.timezoneConfirmedAt !== null };
  await writePreferences(db, actor.userId, { timezone: prefs.timezone, timezoneConfirmedAt: new Date() });
  return { confirmed: true };
}

import "server-only";
import { headers } from "next/headers";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { createFormat, negotiateLocale, type FormatSettings } from "@/lib/format";
import { getMyPreferences } from "@/lib/preferences";

export type PersonFormat = FormatSettings & { weekStart: number; zoneConfirmed: boolean; localeChosen: boolean };

/**
 * The signed-in person's zone and locale: the zone from their preferences, the locale they chose or
 * else their browser's (Accept-Language). Pages format with `personFormat(...).then(createFormat)`;
 * the dashboard layout hands the same settings to client components through FormatProvider.
 */
export async function personFormat(db: Db, actor: Actor): Promise<PersonFormat> {
  const [prefs, h] = await Promise.all([getMyPreferences(db, actor), headers()]);
  return {
    locale: prefs.locale ?? negotiateLocale(h.get("accept-language")),
    timeZone: prefs.timezone,
    weekStart: prefs.weekStart,
    zoneConfirmed: prefs.timezoneConfirmedAt !== null,
    localeChosen: prefs.locale !== null,
  };
}

/** A `Format` for this request's person. */
export async function formatFor(db: Db, actor: Actor) {
  return createFormat(await personFormat(db, actor));
}

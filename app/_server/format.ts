import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { createFormat, negotiateLocale, type FormatSettings } from "@/lib/format";
import { preferencesOfUser } from "@/lib/preferences";

// Read once per request: the layout and the page both format for the same person.
const preferencesOnce = cache((db: Db, userId: string) => preferencesOfUser(db, userId));

export type PersonFormat = FormatSettings & { weekStart: number; zoneConfirmed: boolean; localeChosen: boolean };

/**
 * The signed-in person's zone and locale: the zone from their preferences, the locale they chose or
 * else their browser's (Accept-Language). Pages format with `personFormat(...).then(createFormat)`;
 * the dashboard layout hands the same settings to client components through FormatProvider.
 */
export async function personFormat(db: Db, actor: Actor): Promise<PersonFormat> {
  if (!actor.userId) throw new Error("personFormat needs a signed-in person");
  const [prefs, h] = await Promise.all([preferencesOnce(db, actor.userId), headers()]);
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

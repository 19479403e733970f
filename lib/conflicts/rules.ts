import { getDescriptor } from "@/adapters/registry";
import type { PlatformId } from "@/adapters/types";
import { DAY_MS } from "./time";
import type { AccountRules } from "./types";

const DAY_SECONDS = DAY_MS / 1000;

/**
 * Posts a day the platform documents. A window of a day or longer gives its capacity as is (a
 * two-day budget cannot be spent in one day safely); a shorter one is scaled up to 24 h. When two
 * windows apply at once, the tighter one binds. Guessed limits give no cap: warning people about a
 * number we made up would teach them to ignore warnings.
 */
function documentedDailyCap(platformId: PlatformId): number | null {
  const limit = getDescriptor(platformId).rateLimit;
  if (!limit.documented) return null;
  const perDay = (w: { capacity: number; perSeconds: number }) =>
    w.perSeconds >= DAY_SECONDS ? w.capacity : Math.floor((w.capacity * DAY_SECONDS) / w.perSeconds);
  return Math.min(perDay(limit), limit.secondary ? perDay(limit.secondary) : Infinity);
}

/** Overrides win; an explicit `dailyCap: null` turns the cap off, undefined keeps the default. */
export function defaultRules(platformId: PlatformId, overrides: Partial<AccountRules> = {}): AccountRules {
  return {
    minGapMinutes: overrides.minGapMinutes ?? 15,
    dailyCap: overrides.dailyCap !== undefined ? overrides.dailyCap : documentedDailyCap(platformId),
    duplicateDays: overrides.duplicateDays ?? 7,
  };
}

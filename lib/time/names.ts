import { isValidTimeZone } from "./zone";

/**
 * ICU (and so Node and Chromium) still reports some zones under names the IANA database replaced long
 * ago: a browser in Kolkata says "Asia/Calcutta", one in Kyiv "Europe/Kiev". People see their city's
 * current name; both names mean the same rules, so converting changes no instant.
 */
const CURRENT: Record<string, string> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

/** The zone's current IANA name ("Asia/Calcutta" → "Asia/Kolkata"); any other name as given. */
export function currentZoneName(tz: string): string {
  const current = CURRENT[tz];
  return current && isValidTimeZone(current) ? current : tz;
}

let names: string[] | null = null;
/** Every zone this runtime knows, under current names, sorted, UTC first. */
export function zoneNames(): string[] {
  if (!names) {
    const list = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    const current = [...new Set(list.map(currentZoneName))].filter((z) => z !== "UTC").sort();
    names = ["UTC", ...current];
  }
  return names;
}

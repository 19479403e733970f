"use client";
import { createContext, useContext, useMemo } from "react";
import { createFormat, FALLBACK_LOCALE, type Format, type FormatSettings } from "@/lib/format";

const FormatContext = createContext<FormatSettings>({ locale: FALLBACK_LOCALE, timeZone: "UTC" });

/** Hands the person's locale and zone (read on the server) to every client component below. */
export function FormatProvider({ locale, timeZone, children }: FormatSettings & { children: React.ReactNode }) {
  const value = useMemo(() => ({ locale, timeZone }), [locale, timeZone]);
  return <FormatContext.Provider value={value}>{children}</FormatContext.Provider>;
}

/**
 * The person's formatter in a client component. It renders the same text on the server and in the
 * browser, because both use the person's settings, never the browser's own zone or language.
 */
export function useFormat(): Format {
  const { locale, timeZone } = useContext(FormatContext);
  return useMemo(() => createFormat({ locale, timeZone }), [locale, timeZone]);
}

import type { Metadata } from "next";
import { headers } from "next/headers";
import { negotiateLocale } from "@/lib/format";
import { requireMember } from "@/app/_server/session";
import { listAccountSummaries } from "@/lib/accounts/manage";
import { getMyPreferences } from "@/lib/preferences";
import { platformName } from "@/adapters/registry";
import { PreferencesForm } from "@/components/settings/PreferencesForm";

export const metadata: Metadata = { title: "Preferences" };

export default async function PreferencesPage() {
  const { db, actor } = await requireMember();
  const [prefs, accounts, h] = await Promise.all([getMyPreferences(db, actor), listAccountSummaries(db, actor), headers()]);
  // Limits are per platform: the ones this workspace posts to, and any set earlier.
  const ids = [...new Set([...accounts.map((a) => a.platform), ...Object.keys(prefs.postingFrequency)])];
  const platforms = ids.map((id) => ({ id, name: platformName(id) }));
  return (
    <PreferencesForm
      key={prefs.updatedAt?.toISOString() ?? "default"}
      initial={{
        timezone: prefs.timezone,
        locale: prefs.locale,
        updatedAt: prefs.updatedAt?.toISOString() ?? null,
        weekStart: prefs.weekStart,
        postingFrequency: prefs.postingFrequency,
      }}
      platforms={platforms}
      browserLocale={negotiateLocale(h.get("accept-language"))}
    />
  );
}

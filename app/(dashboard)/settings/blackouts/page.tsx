import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { listAccounts } from "@/db/queries/accounts";
import { can } from "@/lib/auth/permissions";
import { getMyPreferences } from "@/lib/preferences";
import { listBlackouts } from "@/lib/scheduling/blackouts";
import { formatLocal, utcToLocal } from "@/lib/scheduling/time";
import { BlackoutManager, type BlackoutItem } from "@/components/settings/BlackoutManager";

export const metadata: Metadata = { title: "Blackouts" };

type Row = Awaited<ReturnType<typeof listBlackouts>>[number];

/** Wall times in the person's zone for the form, a readable range for the list; windows that are over go last. */
function toItems(rows: Row[], names: Map<string, string>, zone: string, now = new Date()): BlackoutItem[] {
  const fmt = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: zone });
  return rows
    .map((b) => ({
      id: b.id,
      accountId: b.platformAccountId,
      accountName: b.platformAccountId ? (names.get(b.platformAccountId) ?? "A removed account") : null,
      reason: b.reason,
      startLocal: formatLocal(utcToLocal(b.startsAt, zone)).slice(0, 16),
      endLocal: formatLocal(utcToLocal(b.endsAt, zone)).slice(0, 16),
      label: fmt.formatRange(b.startsAt, b.endsAt),
      past: b.endsAt <= now,
    }))
    .sort((a, b) => Number(a.past) - Number(b.past));
}

export default async function BlackoutsPage() {
  const { db, actor } = await requireMember();
  const [rows, accounts, prefs] = await Promise.all([listBlackouts(db, actor), listAccounts(db, actor.workspaceId), getMyPreferences(db, actor)]);
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  return (
    <BlackoutManager
      blackouts={toItems(rows, names, prefs.timezone)}
      accounts={accounts.map((a) => ({ id: a.id, name: a.name }))}
      zone={prefs.timezone}
      canWrite={can(actor.role, "schedules:write")}
    />
  );
}

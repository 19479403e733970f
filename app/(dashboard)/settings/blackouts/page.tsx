import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { listAccountSummaries } from "@/lib/accounts/manage";
import { can } from "@/lib/auth/permissions";
import { formatFor } from "@/app/_server/format";
import type { Format } from "@/lib/format";
import { listBlackouts } from "@/lib/scheduling/blackouts";
import { BlackoutManager, type BlackoutItem } from "@/components/settings/BlackoutManager";

export const metadata: Metadata = { title: "Blackouts" };

type Row = Awaited<ReturnType<typeof listBlackouts>>[number];

/** Wall times in the person's zone for the form, a readable range for the list; windows that are over go last. */
function toItems(rows: Row[], names: Map<string, string>, fmt: Format, now = new Date()): BlackoutItem[] {
  return rows
    .map((b) => ({
      id: b.id,
      accountId: b.platformAccountId,
      accountName: b.platformAccountId ? (names.get(b.platformAccountId) ?? "A removed account") : null,
      reason: b.reason,
      startLocal: fmt.toInput(b.startsAt),
      endLocal: fmt.toInput(b.endsAt),
      label: `${fmt.range(b.startsAt, b.endsAt)} ${fmt.zoneName(b.startsAt)}`,
      past: b.endsAt <= now,
    }))
    .sort((a, b) => Number(a.past) - Number(b.past));
}

export default async function BlackoutsPage() {
  const { db, actor } = await requireMember();
  const [rows, accounts, fmt] = await Promise.all([listBlackouts(db, actor), listAccountSummaries(db, actor), formatFor(db, actor)]);
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  return (
    <BlackoutManager
      blackouts={toItems(rows, names, fmt)}
      accounts={accounts.map((a) => ({ id: a.id, name: a.name }))}
      zone={fmt.timeZone}
      canWrite={can(actor.role, "schedules:write")}
    />
  );
}

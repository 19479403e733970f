import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { can } from "@/lib/auth/permissions";
import { accountDeps } from "@/lib/accounts/deps";
import { listPlatformAccounts } from "@/lib/accounts/manage";
import { listAccounts } from "@/db/queries/accounts";
import { getMyPreferences } from "@/lib/preferences";
import { slotsOf } from "@/lib/scheduling/queue";
import { limitsFor } from "@/lib/publishing/bucket";
import { PLATFORMS } from "@/adapters/types";
import { DESCRIPTORS, platformName } from "@/adapters/registry";
import { adaptersFor } from "@/adapters/runtime";
import { AccountList } from "@/components/settings/AccountList";
import { AddAccountForm, ConnectForm } from "@/components/settings/AccountForms";

export const metadata: Metadata = { title: "Accounts" };

function pace(capacity: number, perSeconds: number) {
  const unit = perSeconds % 86_400 === 0 ? [86_400, "day"] : perSeconds % 3600 === 0 ? [3600, "h"] : perSeconds % 60 === 0 ? [60, "min"] : [1, "s"];
  const n = perSeconds / (unit[0] as number);
  return `${capacity.toLocaleString("en")} per ${n === 1 ? "" : `${n} `}${unit[1]}`;
}

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { db, actor } = await requireMember();
  const sp = await searchParams;
  const [accounts, rows, prefs] = await Promise.all([listPlatformAccounts(db, actor, accountDeps(db).keyring), listAccounts(db, actor.workspaceId), getMyPreferences(db, actor)]);
  const slots = new Map(rows.map((r) => [r.id, slotsOf(r.postingSlots)]));
  const canManage = can(actor.role, "accounts:manage");
  const adapters = adaptersFor(db);
  const platforms = PLATFORMS.filter((p) => p !== "sandbox").map((p) => ({ id: p, name: DESCRIPTORS[p].name, oauth: !!adapters(p)?.oauth }));
  const connected = sp.connected ? accounts.find((a) => a.id === sp.connected) : null;
  return (
    <div className="space-y-6">
      {connected && (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
          Connected {connected.name}. Verify it to load its profile.
        </p>
      )}
      {sp.error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
          Connecting failed: {sp.error}
        </p>
      )}
      <AccountList
        canManage={canManage}
        zone={prefs.timezone}
        accounts={accounts.map((a) => {
          const descriptor = DESCRIPTORS[a.platform as keyof typeof DESCRIPTORS];
          const l = limitsFor(descriptor, a.rateLimit).primary;
          const override = a.rateLimit as { capacity: number; per_seconds: number } | null;
          return {
            id: a.id,
            platform: a.platform as (typeof PLATFORMS)[number],
            platformName: platformName(a.platform),
            name: a.name,
            status: a.status,
            statusReason: a.statusReason,
            lastVerifiedAt: a.lastVerifiedAt?.toISOString() ?? null,
            rate: pace(l.capacity, Math.round(l.capacity / l.refillPerSecond)) + (a.rateLimit ? " (custom)" : ""),
            credentialKeys: a.credentialKeys,
            rateLimit: override ? { capacity: override.capacity, per_seconds: override.per_seconds } : null,
            documentedRate: descriptor ? pace(descriptor.rateLimit.capacity, descriptor.rateLimit.perSeconds) : "unknown",
            slots: slots.get(a.id) ?? null,
          };
        })}
      />
      {canManage ? (
        <>
          <AddAccountForm platforms={platforms} />
          <ConnectForm platforms={platforms} />
        </>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Only admins add, verify or remove accounts.</p>
      )}
    </div>
  );
}

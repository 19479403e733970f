import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { formatFor } from "@/app/_server/format";
import { can } from "@/lib/auth/permissions";
import { accountDeps } from "@/lib/accounts/deps";
import { listAccountSummaries, listPlatformAccounts } from "@/lib/accounts/manage";
import { redirectUri } from "@/lib/accounts/oauth";
import { slotsOf } from "@/lib/scheduling/queue";
import { limitsFor } from "@/lib/publishing/bucket";
import type { Format } from "@/lib/format";
import { PLATFORMS } from "@/adapters/types";
import { DESCRIPTORS, platformName } from "@/adapters/registry";
import { adaptersFor } from "@/adapters/runtime";
import { AccountList } from "@/components/settings/AccountList";
import { ConnectAccount } from "@/components/accounts/ConnectAccount";
import { ConnectOutcome } from "@/components/accounts/ConnectOutcome";
import type { ConnectPlatform, ReconnectTarget } from "@/components/accounts/types";

export const metadata: Metadata = { title: "Accounts" };

function pace(f: Format, capacity: number, perSeconds: number) {
  const unit = perSeconds % 86_400 === 0 ? [86_400, "day"] : perSeconds % 3600 === 0 ? [3600, "h"] : perSeconds % 60 === 0 ? [60, "min"] : [1, "s"];
  const n = perSeconds / (unit[0] as number);
  return `${f.number(capacity)} per ${n === 1 ? "" : `${f.number(n)} `}${unit[1]}`;
}

const strings = (config: Record<string, unknown>) => Object.fromEntries(Object.entries(config).filter((e): e is [string, string] => typeof e[1] === "string"));

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { db, actor } = await requireMember();
  const sp = await searchParams;
  const [accounts, rows, format] = await Promise.all([
    listPlatformAccounts(db, actor, accountDeps(db).keyring),
    listAccountSummaries(db, actor),
    formatFor(db, actor),
  ]);
  const slots = new Map(rows.map((r) => [r.id, slotsOf(r.postingSlots)]));
  const canManage = can(actor.role, "accounts:manage");
  const adapters = adaptersFor(db);
  const platforms: ConnectPlatform[] = PLATFORMS.map((p) => {
    const oauth = adapters(p)?.oauth;
    return { id: p, name: DESCRIPTORS[p].name, oauth: !!oauth, scopes: oauth?.scopes ?? [], defaultBaseUrl: DESCRIPTORS[p].defaultBaseUrl };
  });
  const connected = sp.connected ? accounts.find((a) => a.id === sp.connected) : null;
  const again = canManage && sp.reconnect ? accounts.find((a) => a.id === sp.reconnect) : null;
  const reconnect: ReconnectTarget | null = again
    ? {
        id: again.id,
        platform: again.platform as ReconnectTarget["platform"],
        name: again.name,
        status: again.status,
        statusReason: again.statusReason,
        config: strings(again.config as Record<string, unknown>),
      }
    : null;
  const connect = canManage ? <ConnectAccount key={reconnect?.id ?? "new"} platforms={platforms} redirectUri={redirectUri()} reconnect={reconnect} /> : null;
  return (
    <div className="space-y-6">
      {connected && (
        <ConnectOutcome
          result={{ name: connected.name, status: connected.status, reason: connected.statusReason }}
          platformName={platformName(connected.platform)}
        />
      )}
      {sp.error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
          Connecting failed: {sp.error}
        </p>
      )}
      {sp.reconnect && !reconnect && canManage && (
        <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          That account is not in this workspace any more; connect it again below.
        </p>
      )}
      {reconnect && connect}
      <AccountList
        canManage={canManage}
        zone={format.timeZone}
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
            rate: pace(format, l.capacity, Math.round(l.capacity / l.refillPerSecond)) + (a.rateLimit ? " (custom)" : ""),
            credentialKeys: a.credentialKeys,
            rateLimit: override ? { capacity: override.capacity, per_seconds: override.per_seconds } : null,
            documentedRate: descriptor ? pace(format, descriptor.rateLimit.capacity, descriptor.rateLimit.perSeconds) : "unknown",
            slots: slots.get(a.id) ?? null,
          };
        })}
      />
      {canManage ? !reconnect && connect : <p className="text-sm text-slate-600 dark:text-slate-400">Only admins add, verify or remove accounts.</p>}
    </div>
  );
}

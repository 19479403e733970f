/**
 * What the accounts domain needs from the outside world: the adapter registry, the app keyring,
 * fetch and the per-request timeout. Routes use `accountDeps(db)`; tests may swap parts of it.
 */
import { adaptersFor, type AdapterLookup } from "@/adapters/runtime";
import type { Db } from "@/db/client";
import { getConfig } from "../config";
import { appKeyring } from "../crypto/keyring";
import type { ContextDeps } from "../publishing/context";

export interface AccountDeps extends ContextDeps {
  adapters: AdapterLookup;
}

type Override = (defaults: AccountDeps) => Partial<AccountDeps>;
const OVERRIDE = Symbol.for("scheduler.accountDepsOverride");
type G = typeof globalThis & { [OVERRIDE]?: Override | null };

export function accountDeps(db: Db): AccountDeps {
  const defaults: AccountDeps = {
    adapters: adaptersFor(db),
    keyring: appKeyring(),
    fetch: globalThis.fetch,
    publishTimeoutMs: getConfig().jobs.publishTimeoutMs,
  };
  const override = (globalThis as G)[OVERRIDE];
  return override ? { ...defaults, ...override(defaults) } : defaults;
}

/** Tests only: e.g. an adapter lookup that knows a loopback OAuth platform. Null restores the defaults. */
export function setAccountDepsForTests(override: Override | null) {
  (globalThis as G)[OVERRIDE] = override;
}

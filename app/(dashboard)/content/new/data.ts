import "server-only";
import { accountDeps } from "@/lib/accounts/deps";
import { listPlatformAccounts } from "@/lib/accounts/manage";
import { publicConfig } from "@/lib/accounts/view";
import { getMyPreferences } from "@/lib/preferences";
import { roleCovered } from "@/lib/approvals/state";
import { currentWorkspace } from "@/lib/workspaces";
import { DESCRIPTORS, isPlatformId } from "@/adapters/registry";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import type { ApprovalInfo, ComposerAccount } from "@/lib/composer/types";
import { composerSnippets } from "@/lib/templates/composer";
import { zoneNames } from "@/lib/time/names";
import { getLinkTracking, linkBaseUrl } from "@/lib/links";

/** What every composer screen needs: the accounts to pick from, the person's zone, approval. */
export async function composerContext(db: Db, actor: Actor) {
  const [accounts, prefs, workspace] = await Promise.all([
    listPlatformAccounts(db, actor, accountDeps(db).keyring),
    getMyPreferences(db, actor),
    currentWorkspace(db, actor),
  ]);
  const policy = workspace?.approvalPolicy ?? "off";
  const approval: ApprovalInfo = { policy, required: roleCovered(policy, actor.role) };
  const list: ComposerAccount[] = accounts
    .filter((a) => isPlatformId(a.platform))
    .map((a) => ({
      id: a.id,
      name: a.name,
      platform: a.platform as ComposerAccount["platform"],
      platformName: DESCRIPTORS[a.platform as ComposerAccount["platform"]].name,
      status: a.status,
      config: publicConfig(a.config),
    }));
  // Templates, hashtag groups and signatures for the "Insert…" menu.
  const snippets = await composerSnippets(db, actor, prefs.timezone);
  const tracking = await getLinkTracking(db, actor.workspaceId);
  return { accounts: list, zone: prefs.timezone, approval, snippets, linkTracking: { enabled: tracking.enabled, base: linkBaseUrl() } };
}

/** IANA zones for the picker, computed on the server so the list is the same before and after hydration. */
export function timeZones(): string[] {
  return zoneNames();
}

import type { Db } from "@/db/client";
import { insertRuleRows } from "@/db/queries/alerts";
import { RECOMMENDED_RULES } from "./kinds";

/** The recommended rules of every kind the workspace has none of (inside the caller's transaction): what a new workspace starts with. */
export async function insertRecommendedRules(tx: Db, workspaceId: string, createdBy: string | null, haveKinds: ReadonlySet<string> = new Set()) {
  return insertRuleRows(
    tx,
    RECOMMENDED_RULES.filter((r) => !haveKinds.has(r.kind)).map((r) => ({
      workspaceId,
      kind: r.kind,
      params: r.params,
      enabled: r.enabled,
      forMinutes: r.forMinutes,
      resolveAfterMinutes: r.resolveAfterMinutes,
      createdBy,
    })),
  );
}

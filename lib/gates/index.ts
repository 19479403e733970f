/**
 * Quality gates: the checks content must pass before it is submitted for review and again before
 * it is published. Errors block; warnings can be acknowledged.
 *
 * Today: each target platform's own limits (the adapters' validators). The workspace's rules
 * (required fields per content type, banned words, link check, alt text) plug in here.
 */
import type { Db } from "@/db/client";
import type { ContentRow } from "@/db/queries/content";
import type { PlatformId } from "@/adapters/types";
import { validateItemFor } from "../content/draft";

export type GateStage = "submit" | "publish";

export interface GateFinding {
  /** Which rule: `platform_limits`, `required_fields`, `banned_words`, `link_check`, `alt_text`. */
  rule: string;
  severity: "error" | "warning";
  message: string;
  platform?: PlatformId;
  field?: string;
}

export async function checkGates(db: Db, workspaceId: string, item: ContentRow, opts: { stage: GateStage; platforms: PlatformId[] }): Promise<GateFinding[]> {
  const issues = await validateItemFor(db, workspaceId, item, opts.platforms);
  return issues.map((i) => ({ rule: "platform_limits", severity: i.severity, message: i.message, platform: i.platform, field: i.field }));
}

/** True when nothing blocks: no error, and every warning acknowledged (or none). */
export function gatesPass(findings: GateFinding[], acknowledgeWarnings: boolean): boolean {
  return !findings.some((f) => f.severity === "error") && (acknowledgeWarnings || !findings.some((f) => f.severity === "warning"));
}

/**
 * Quality gates: the checks content must pass before it is submitted for review and again before
 * it is published. Errors block; warnings can be acknowledged (at submit; they never block a
 * publish). The rules are the workspace's own (see rules.ts); platform limits are on by default.
 */
import type { Db } from "@/db/client";
import { getContentRow, listVariants, type ContentRow } from "@/db/queries/content";
import { getMediaByIds } from "@/db/queries/media";
import type { PlatformId } from "@/adapters/types";
import { getConfig } from "../config";
import { notFound } from "../errors";
import { contentTargets } from "../content/platforms";
import type { Actor } from "../auth/actor";
import { evaluateGates, nothingToCheck, rulesForStage } from "./evaluate";
import { getGateRules } from "./settings";
import { trackingFor, type Tracking } from "../links";
import type { QualityGates } from "./rules";
import type { GateFinding, GateStage, GateSubject, SubjectVariant } from "./types";

export type { GateFinding, GateStage } from "./types";
export { getGateRules, saveGateRules } from "./settings";

async function subjectOf(
  db: Db,
  workspaceId: string,
  item: Pick<ContentRow, "title" | "content" | "summary" | "contentType" | "tags" | "mediaIds">,
  variants: SubjectVariant[],
): Promise<GateSubject> {
  const ids = [...new Set([...item.mediaIds, ...variants.flatMap((v) => v.mediaIds ?? [])])];
  const media = await getMediaByIds(db, workspaceId, ids);
  return {
    item: { title: item.title, content: item.content, summary: item.summary, contentType: item.contentType, tags: item.tags, mediaIds: item.mediaIds },
    variants,
    media,
  };
}

export async function checkGates(
  db: Db,
  workspaceId: string,
  item: ContentRow,
  opts: {
    stage: GateStage;
    platforms: PlatformId[];
    /** The workspace's rules and the post's link tracking, when the caller read them already (the engine's batch load). */
    rules?: QualityGates;
    tracking?: Tracking | null;
  },
): Promise<GateFinding[]> {
  const rules = opts.rules ?? (await getGateRules(db, workspaceId));
  // Most workspaces turn nothing on for publish: one read, and the publish goes on.
  if (nothingToCheck(rulesForStage(rules, opts.stage))) return [];
  const variants = (await listVariants(db, item.id)).map((v) => ({
    platform: v.platform,
    text: v.text,
    parts: (v.parts as string[] | null) ?? null,
    mediaIds: v.mediaIds ?? null,
  }));
  const subject = await subjectOf(db, workspaceId, item, variants);
  const tracking = opts.tracking !== undefined ? opts.tracking : await trackingFor(db, workspaceId, item.linkTracking);
  return evaluateGates(rules, subject, {
    stage: opts.stage,
    platforms: opts.platforms,
    allowPrivateLinks: getConfig().linkCheckAllowPrivate,
    linkBase: tracking?.base ?? null,
  });
}

/** True when nothing blocks: no error, and every warning acknowledged (or none). */
export function gatesPass(findings: GateFinding[], acknowledgeWarnings: boolean): boolean {
  return !findings.some((f) => f.severity === "error") && (acknowledgeWarnings || !findings.some((f) => f.severity === "warning"));
}

/** The check a member runs before submitting (API and composer): stage `submit`. */
export async function checkContent(db: Db, actor: Actor, id: string, platforms?: PlatformId[]) {
  const item = await getContentRow(db, actor.workspaceId, id);
  if (!item) throw notFound("content");
  // Unnamed, the platforms are the ones the content is for: the same rule as the submission for review.
  const chosen = platforms?.length ? [...new Set(platforms)] : (await contentTargets(db, item)).platforms;
  const findings = await checkGates(db, actor.workspaceId, item, { stage: "submit", platforms: chosen });
  return { platforms: chosen, findings, passes: gatesPass(findings, false), passesWithAcknowledgement: gatesPass(findings, true) };
}

/** The same check over what the composer holds now, saved or not. */
export async function checkDraft(
  db: Db,
  actor: Actor,
  draft: {
    title: string;
    content: string;
    summary: string | null;
    contentType: ContentRow["contentType"];
    tags: string[];
    mediaIds: string[];
    variants: Partial<Record<PlatformId, string | null>>;
    platforms: PlatformId[];
    altTexts?: Record<string, string | null>;
  },
) {
  const variants = Object.entries(draft.variants)
    .filter(([, text]) => text != null && text.trim() !== "")
    .map(([platform, text]) => ({ platform, text: text!, parts: null, mediaIds: null }));
  const subject = await subjectOf(db, actor.workspaceId, { ...draft }, variants);
  // Alt text typed in the composer and not saved yet (it is saved with the post) counts as the file's.
  const typed = draft.altTexts ?? {};
  subject.media = subject.media.map((m) => (m.id in typed ? { ...m, altText: typed[m.id]?.trim() || null } : m));
  const rules = await getGateRules(db, actor.workspaceId);
  const findings = await evaluateGates(rules, subject, { stage: "submit", platforms: draft.platforms, allowPrivateLinks: getConfig().linkCheckAllowPrivate });
  return { platforms: draft.platforms, findings, passes: gatesPass(findings, false), passesWithAcknowledgement: gatesPass(findings, true) };
}

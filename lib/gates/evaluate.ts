/**
 * Runs a workspace's rules over one piece of content. The platform limits come from the
 * adapters' validators (the same ones scheduling uses); the others are the workspace's own.
 */
import { validateFor } from "@/adapters/registry";
import { PLATFORMS, type PlatformId } from "@/adapters/types";
import { draftFor } from "../content/post-draft";
import { countingDraft } from "../links/rewrite";
import { altTextFindings, requiredFieldFindings } from "./fields";
import { checkLinks } from "./links";
import type { QualityGates } from "./rules";
import type { GateFinding, GateStage, GateSubject } from "./types";
import { extractUrls } from "./urls";
import { findBanned } from "./words";

export interface EvaluateOptions {
  stage: GateStage;
  platforms: PlatformId[];
  allowPrivateLinks: boolean;
  /** Where short links live when the post's links are tracked: the limits count those. */
  linkBase?: string | null;
}

function platformFindings(rules: QualityGates["platform_limits"], s: GateSubject, platforms: PlatformId[], linkBase?: string | null): GateFinding[] {
  if (!rules.enabled) return [];
  const out: GateFinding[] = [];
  for (const platform of [...new Set(platforms)].filter((p) => PLATFORMS.includes(p))) {
    const variant = s.variants.find((v) => v.platform === platform);
    const ids = variant?.mediaIds ?? s.item.mediaIds;
    const media = ids.map((id) => s.media.find((m) => m.id === id)).filter((m) => !!m);
    const plain = draftFor(s.item, variant, media);
    const draft = linkBase ? countingDraft(plain, linkBase) : plain;
    for (const issue of validateFor(platform, draft)) {
      // The admin may soften the platforms' errors to warnings; a warning never becomes an error.
      const severity = issue.severity === "error" ? rules.severity : "warning";
      out.push({ rule: "platform_limits", severity, message: issue.message, platform, field: issue.field });
    }
  }
  return out;
}

/** Each text the content carries, named for the message. */
function texts(s: GateSubject, platforms: PlatformId[]): { where: string; field: string; text: string; platform?: PlatformId }[] {
  const out: { where: string; field: string; text: string; platform?: PlatformId }[] = [
    { where: "the title", field: "title", text: s.item.title },
    { where: "the summary", field: "summary", text: s.item.summary ?? "" },
    { where: "the text", field: "content", text: s.item.content },
    { where: "the tags", field: "tags", text: s.item.tags.join(" ") },
  ];
  for (const v of s.variants) {
    const platform = v.platform as PlatformId;
    if (platforms.length && !platforms.includes(platform)) continue;
    if (v.text) out.push({ where: `the ${platform} text`, field: `variants.${platform}.text`, text: v.text, platform });
    (v.parts ?? []).forEach((p, i) =>
      out.push({ where: `part ${i + 1} of the ${platform} thread`, field: `variants.${platform}.parts.${i}`, text: p, platform }),
    );
  }
  return out.filter((t) => t.text.trim());
}

function bannedFindings(rules: QualityGates["banned_words"], s: GateSubject, platforms: PlatformId[]): GateFinding[] {
  if (!rules.enabled || !rules.entries.length) return [];
  const out: GateFinding[] = [];
  const severityOf = new Map(rules.entries.map((e) => [e.text, e.severity]));
  for (const t of texts(s, platforms)) {
    for (const hit of findBanned(
      t.text,
      rules.entries.map((e) => e.text),
    )) {
      const times = hit.count > 1 ? ` (${hit.count} times)` : "";
      out.push({
        rule: "banned_words",
        severity: severityOf.get(hit.entry) ?? "error",
        field: t.field,
        ...(t.platform ? { platform: t.platform } : {}),
        message: `“${hit.matched}” in ${t.where}${times} is on the workspace's banned list.`,
      });
    }
  }
  return out;
}

async function linkFindings(rules: QualityGates["link_check"], s: GateSubject, opts: EvaluateOptions): Promise<GateFinding[]> {
  if (!rules.enabled) return [];
  const where = new Map<string, { field: string; platform?: PlatformId }>();
  for (const t of texts(s, opts.platforms)) {
    if (t.field === "tags") continue;
    for (const url of extractUrls(t.text)) if (!where.has(url)) where.set(url, { field: t.field, ...(t.platform ? { platform: t.platform } : {}) });
  }
  const urls = [...where.keys()];
  const results = await checkLinks(urls, { timeoutMs: rules.timeout_ms, allowPrivate: opts.allowPrivateLinks });
  return results
    .filter((r) => !r.ok)
    .map((r) => ({ rule: "link_check", severity: rules.severity, ...where.get(r.url)!, message: `Link ${r.url} ${r.problem ?? "failed"}.` }));
}

/**
 * The rules a stage runs. Right before a publish the engine has just validated the post against
 * its platform with the account's own settings, and a claimed post must not wait on other
 * sites' links: publish re-checks what can change without the platform (fields, words, alt text).
 */
export function rulesForStage(rules: QualityGates, stage: GateStage): QualityGates {
  if (stage === "submit") return rules;
  return { ...rules, platform_limits: { ...rules.platform_limits, enabled: false }, link_check: { ...rules.link_check, enabled: false } };
}

/** True when the stage has nothing to check (no reads needed). */
export function nothingToCheck(rules: QualityGates): boolean {
  return (
    !rules.platform_limits.enabled && !rules.required_fields.enabled && !rules.banned_words.enabled && !rules.link_check.enabled && !rules.alt_text.enabled
  );
}

export async function evaluateGates(all: QualityGates, s: GateSubject, opts: EvaluateOptions): Promise<GateFinding[]> {
  const rules = rulesForStage(all, opts.stage);
  return [
    ...platformFindings(rules.platform_limits, s, opts.platforms, opts.linkBase),
    ...requiredFieldFindings(rules.required_fields, s),
    ...bannedFindings(rules.banned_words, s, opts.platforms),
    ...(await linkFindings(rules.link_check, s, opts)),
    ...altTextFindings(rules.alt_text, s),
  ];
}

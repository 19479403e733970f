import type { Db } from "@/db/client";
import { listHashtagGroupRows, listSignatureRows, listTemplateRows } from "@/db/queries/templates";
import type { ComposerSnippet } from "@/lib/composer/types";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";

/** What the composer's "Insert…" menu offers from the workspace: templates, hashtag groups, signatures. */
export async function composerSnippets(db: Db, actor: Actor, timeZone: string): Promise<ComposerSnippet[]> {
  if (!can(actor.role, "content:read")) return [];
  const [templates, groups, signatures] = await Promise.all([
    listTemplateRows(db, actor.workspaceId),
    listHashtagGroupRows(db, actor.workspaceId),
    listSignatureRows(db, actor.workspaceId),
  ]);
  return [
    ...templates.map(
      (t): ComposerSnippet => ({ label: t.name, text: t.body, kind: "template", platforms: t.defaultPlatforms ?? [], timeZone, tags: t.defaultTags ?? [] }),
    ),
    ...groups.map((g): ComposerSnippet => ({ label: g.name, text: g.hashtags.join(" "), kind: "hashtags", platforms: g.platforms ?? [] })),
    ...signatures.map((s): ComposerSnippet => ({ label: s.name, text: s.body, kind: "signature", platforms: s.platform ? [s.platform] : [] })),
  ];
}

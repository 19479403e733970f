import type { Db } from "@/db/client";
import { listVariants } from "@/db/queries/content";
import { getMediaByIds } from "@/db/queries/media";
import { validateFor } from "@/adapters/registry";
import type { PlatformId, PostDraft, ValidationIssue } from "@/adapters/types";
import type { ContentRow } from "@/db/queries/content";
import { AppError } from "../errors";

/** A 400 listing each platform's blocking issue. */
export function platformIssuesError(errors: ValidationIssue[]) {
  return new AppError(
    "bad_request:platform_validation",
    errors.map((e) => e.message).join(" "),
    errors.map((e) => ({ platform: e.platform, field: e.field, code: e.code, message: e.message })),
  );
}

type Variant = Awaited<ReturnType<typeof listVariants>>[number];

/** What goes to one platform: the item, with that platform's variant laid over it. */
export function draftFor(
  item: Pick<ContentRow, "contentType" | "title" | "content" | "tags">,
  variant: Variant | undefined,
  media: PostDraft["media"],
): PostDraft {
  const parts = (variant?.parts as string[] | null | undefined) ?? (item.contentType === "thread" ? splitThread(item.content) : undefined);
  return {
    contentType: item.contentType,
    title: item.title,
    text: variant?.text ?? item.content,
    ...(parts ? { parts } : {}),
    media,
    tags: item.tags,
  };
}

/** A thread written as one body: parts are separated by a line holding only `---`. */
export function splitThread(body: string): string[] {
  return body
    .split(/\r?\n-{3,}\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * Every issue of an item on each platform, with that platform's variant and media. Errors block
 * scheduling; warnings are shown.
 */
export async function validateItemFor(db: Db, workspaceId: string, item: ContentRow, platforms: PlatformId[]): Promise<ValidationIssue[]> {
  const variants = await listVariants(db, item.id);
  const issues: ValidationIssue[] = [];
  for (const platform of [...new Set(platforms)]) {
    const variant = variants.find((v) => v.platform === platform);
    // A platform's own media replace the item's; otherwise the item's go everywhere.
    const media = await getMediaByIds(db, workspaceId, variant?.mediaIds ?? item.mediaIds);
    issues.push(...validateFor(platform, draftFor(item, variant, media)));
  }
  return issues;
}

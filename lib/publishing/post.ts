/**
 * From stored content to what an adapter sends: the platform's variant over the item, thread
 * parts (joined for platforms without threads, exactly as validate() joined them), media with
 * readers and signed public URLs.
 */
import fs from "node:fs";
import path from "node:path";
import type { PublishMedia, PublishPost, PublishedPart } from "@/adapters/adapter";
import { getDescriptor, THREAD_JOINER } from "@/adapters/registry";
import type { PlatformId, PostDraft } from "@/adapters/types";
import type { Job } from "@/db/queries/publishing-job";
import { draftFor } from "../content/post-draft";
import { publicMediaUrl } from "../media/public-url";
import { replaceLinks } from "../links/rewrite";

export interface PostEnv {
  dataDir: string;
  publicUrl?: string;
  signingKey: Buffer;
}

export function idempotencyKeyOf(s: { id: string; version: number; idempotencyKey: string | null }): string {
  return s.idempotencyKey ?? `${s.id}:v${s.version}`;
}

/** The draft validate() sees for this job (the same one the API validated when scheduling). */
export function jobDraft(job: Job): PostDraft {
  const draft = draftFor(job.content, job.variant, job.media);
  // An evergreen re-post on a platform that refuses identical text carries the variant it rotated to.
  const text = (job.schedule.metadata as { evergreen?: { text?: unknown } } | null)?.evergreen?.text;
  return typeof text === "string" && draft.contentType !== "thread" ? { ...draft, text } : draft;
}

/** Original link → its short link, when the post's links are tracked (lib/links). */
export interface PostLinks {
  base: string;
  short: Map<string, string>;
}

/** Everything sent that may hold a link: the text, each part, the link option, the first comment. */
export function linkTexts(job: Job): string[] {
  const draft = jobDraft(job);
  const link = (job.variant?.options as Record<string, unknown> | undefined)?.link;
  const comment = job.variant?.firstComment;
  return [draft.text, ...(draft.parts ?? []), ...(typeof link === "string" ? [link] : []), ...(comment ? [comment] : [])];
}

/** A text with its tracked links swapped for their short links (as it is when there are none). */
export function withShortLinks(text: string, links?: PostLinks): string {
  return links ? replaceLinks(text, links.base, (u) => links.short.get(u)) : text;
}

export function buildPost(job: Job, env: PostEnv, hooks: Pick<PublishPost, "onPartPublished" | "saveState">, links?: PostLinks): PublishPost {
  const platform = job.schedule.platformId as PlatformId;
  const swap = (t: string) => withShortLinks(t, links);
  const raw = jobDraft(job);
  const draft = { ...raw, text: swap(raw.text), parts: raw.parts?.map(swap) };
  const native = getDescriptor(platform).thread.supported;
  const parts = draft.parts?.length ? draft.parts : [draft.text];
  const threaded = draft.contentType === "thread" && parts.length > 1;
  const options = (job.variant?.options ?? {}) as Record<string, unknown>;
  const media: PublishMedia[] = job.media.map((m) => ({
    id: m.id,
    url: env.publicUrl ? publicMediaUrl(env.publicUrl, env.signingKey, m.id) : null,
    mimeType: m.mimeType,
    altText: m.altText,
    sizeBytes: m.sizeBytes,
    read: () => fs.promises.readFile(path.join(env.dataDir, m.storagePath)),
  }));
  const meta = (job.schedule.metadata ?? {}) as { adapter_state?: Record<string, string> };
  return {
    idempotencyKey: idempotencyKeyOf(job.schedule),
    scheduleId: job.schedule.id,
    contentType: draft.contentType,
    title: draft.title,
    text: threaded ? parts.join(THREAD_JOINER) : draft.text,
    parts: threaded && native ? parts : [threaded ? parts.join(THREAD_JOINER) : draft.text],
    media,
    tags: draft.tags,
    link: typeof options.link === "string" ? swap(options.link) : null,
    canonicalUrl: typeof options.canonical_url === "string" ? options.canonical_url : null,
    publishedParts: (job.schedule.publishedParts ?? []) as PublishedPart[],
    state: { ...(meta.adapter_state ?? {}) },
    ...hooks,
  };
}

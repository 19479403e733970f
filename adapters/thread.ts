import type { PublishResult, PublishedPart } from "./adapter";
import { excerpt } from "./http";

/** The result of a reply chain: the first part's id and link, every part, the last answer. */
export function threadResult(count: number, done: Map<number, PublishedPart>, last: { status: number | null; text?: string } | null): PublishResult {
  const parts = Array.from({ length: count }, (_, i) => done.get(i) as PublishedPart);
  const first = parts[0] as PublishedPart;
  return {
    platformPostId: first.id,
    url: first.url ?? null,
    parts: count > 1 ? parts : undefined,
    httpStatus: last?.status ?? null,
    responseExcerpt: last?.text ? excerpt(last.text) : null,
  };
}

/** Test-only helpers shared by the adapter tests. */
import { expect } from "vitest";
import type { PublishPost } from "../adapter";
import { AdapterError } from "../errors";
import type { PostDraft } from "../types";

/** The AdapterError a promise rejects with (fails the test when it resolves or throws anything else). */
export async function failure(p: Promise<unknown>): Promise<AdapterError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AdapterError);
  return err as AdapterError;
}

/** The draft validate() sees for a post, to check it reports what the fake refuses. */
export const draftOf = (post: PublishPost): PostDraft => ({
  contentType: post.contentType,
  title: post.title,
  text: post.text,
  parts: post.parts,
  tags: post.tags,
  link: post.link,
  media: post.media.map((m) => ({ mimeType: m.mimeType, sizeBytes: m.sizeBytes, altText: m.altText })),
});

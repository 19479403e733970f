"use server";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action } from "@/app/_server/action";
import { setAltText } from "@/lib/media/store";
import { mediaPatchSchema } from "@/lib/validation/media";

/**
 * A file's alt text on its own: the same function as PATCH /api/v1/media/{id} (the composer saves
 * alt text with the post instead, see saveComposerAction's alt_texts). Every content that
 * uses the file with posts to come gets one new version (and goes back to review where the approval
 * rule says so); published content with posts to come refuses the change.
 */
export const setMediaAltTextAction = action(operation("patch /media/{id}"), mediaPatchSchema.extend({ id: z.uuid() }), async ({ db, actor, input }) => {
  const row = await setAltText(db, actor, input.id, input.alt_text);
  return { id: row.id, alt_text: row.altText };
});

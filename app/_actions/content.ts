"use server";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action, actionRuntime } from "@/app/_server/action";
import { archiveContent, cloneContent, createContent, deleteContent, restoreContent, updateContent } from "@/lib/content";
import { putContentVariant, removeContentVariant } from "@/lib/content/variants";
import { validateItemFor } from "@/lib/content/draft";
import { requireContent } from "@/lib/content";
import { isPlatformId } from "@/adapters/registry";
import { contentCreateSchema, contentPatchSchema, variantSchema } from "@/lib/validation/content";
import { importCsv } from "@/lib/import/csv";
import { AppError } from "@/lib/errors";

// Server actions for the composer and content list: the same lib functions and zod schemas as /api/v1.
const byId = z.object({ id: z.uuid() });
const done = <T>(value: T) => {
  actionRuntime.revalidate("/");
  return value;
};

export const createContentAction = action(operation("post /content"), contentCreateSchema, async ({ db, actor, input }) =>
  done({ id: (await createContent(db, actor, input)).id }),
);

export const updateContentAction = action(
  operation("patch /content/{id}"),
  z.object({ id: z.uuid(), patch: contentPatchSchema }),
  async ({ db, actor, input }) => {
    const row = await updateContent(db, actor, input.id, input.patch);
    return done({ id: row.id, version: row.version });
  },
);

export const archiveContentAction = action(operation("post /content/{id}/archive"), byId, async ({ db, actor, input }) =>
  done({ status: (await archiveContent(db, actor, input.id)).status }),
);
export const restoreContentAction = action(operation("post /content/{id}/restore"), byId, async ({ db, actor, input }) =>
  done({ status: (await restoreContent(db, actor, input.id)).status }),
);
export const cloneContentAction = action(operation("post /content/{id}/clone"), byId, async ({ db, actor, input }) =>
  done({ id: (await cloneContent(db, actor, input.id)).id }),
);
export const deleteContentAction = action(operation("delete /content/{id}"), byId, async ({ db, actor, input }) =>
  done(await deleteContent(db, actor, input.id)),
);

export const putVariantAction = action(
  operation("put /content/{id}/variants/{platform}"),
  z.object({ id: z.uuid(), platform: z.string(), variant: variantSchema }),
  async ({ db, actor, input }) => done(await putContentVariant(db, actor, input.id, input.platform, input.variant)),
);
export const removeVariantAction = action(
  operation("delete /content/{id}/variants/{platform}"),
  z.object({ id: z.uuid(), platform: z.string() }),
  async ({ db, actor, input }) => done(await removeContentVariant(db, actor, input.id, input.platform)),
);

/** Every issue of an item on the given platforms (the composer shows them inline). */
export const validateContentAction = action(
  "content:read",
  z.object({ id: z.uuid(), platforms: z.array(z.string()).max(20) }),
  async ({ db, actor, input }) => {
    const item = await requireContent(db, actor, input.id);
    return validateItemFor(db, actor.workspaceId, item, input.platforms.filter(isPlatformId));
  },
);

/** The CSV import wizard: a file from a form, dry run first, then the real run. */
export const importCsvAction = action(
  operation("post /import/csv"),
  z.object({
    file: z.instanceof(File, { message: "choose a CSV file" }),
    dry_run: z.boolean(),
    mode: z.enum(["all_or_nothing", "partial"]).default("all_or_nothing"),
    duplicates: z.enum(["skip", "import"]).default("skip"),
    refresh: z.boolean().default(true),
  }),
  async ({ db, actor, input }) => {
    if (input.file.size > 20 * 1024 * 1024) throw new AppError("bad_request:too_large", "the CSV file is larger than 20 MB; split it");
    const result = await importCsv(db, actor, await input.file.text(), { dryRun: input.dry_run, mode: input.mode, duplicates: input.duplicates });
    // A dry run changes nothing. The wizard imports a file in slices and refreshes once at the end
    // (refresh: false), instead of a page re-render in every slice's answer.
    return result.committed && input.refresh ? done(result) : result;
  },
);

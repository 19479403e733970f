"use server";
import { z } from "zod";
import { action, actionRuntime } from "@/app/_server/action";
import { createTemplate, deleteTemplate, restoreTemplateVersion, updateTemplate } from "@/lib/templates";
import { createHashtagGroup, createSignature, deleteHashtagGroup, deleteSignature, updateHashtagGroup, updateSignature } from "@/lib/templates/snippets";
import {
  hashtagGroupCreateSchema,
  hashtagGroupPatchSchema,
  signatureCreateSchema,
  signaturePatchSchema,
  templateCreateSchema,
  templatePatchSchema,
} from "@/lib/templates/validation";

// Server actions of the templates screen: the same lib functions as /api/v1/templates, /hashtag-groups, /signatures.
const done = <T>(value: T) => {
  actionRuntime.revalidate("/settings/templates");
  return value;
};
const idOnly = z.object({ id: z.uuid() });

export const createTemplateAction = action("content:write", templateCreateSchema, async ({ db, actor, input }) =>
  done({ id: (await createTemplate(db, actor, input)).id }),
);
export const updateTemplateAction = action("content:write", z.object({ id: z.uuid(), patch: templatePatchSchema }), async ({ db, actor, input }) => {
  const row = await updateTemplate(db, actor, input.id, input.patch);
  return done({ id: row.id, version: row.currentVersion });
});
export const restoreTemplateVersionAction = action(
  "content:write",
  z.object({ id: z.uuid(), version: z.number().int().min(1) }),
  async ({ db, actor, input }) => {
    const row = await restoreTemplateVersion(db, actor, input.id, input.version);
    return done({ id: row.id, version: row.currentVersion });
  },
);
export const deleteTemplateAction = action("content:write", idOnly, async ({ db, actor, input }) => done(await deleteTemplate(db, actor, input.id)));

export const createHashtagGroupAction = action("content:write", hashtagGroupCreateSchema, async ({ db, actor, input }) =>
  done({ id: (await createHashtagGroup(db, actor, input)).id }),
);
export const updateHashtagGroupAction = action("content:write", z.object({ id: z.uuid(), patch: hashtagGroupPatchSchema }), async ({ db, actor, input }) =>
  done({ id: (await updateHashtagGroup(db, actor, input.id, input.patch)).id }),
);
export const deleteHashtagGroupAction = action("content:write", idOnly, async ({ db, actor, input }) => done(await deleteHashtagGroup(db, actor, input.id)));

export const createSignatureAction = action("content:write", signatureCreateSchema, async ({ db, actor, input }) =>
  done({ id: (await createSignature(db, actor, input)).id }),
);
export const updateSignatureAction = action("content:write", z.object({ id: z.uuid(), patch: signaturePatchSchema }), async ({ db, actor, input }) =>
  done({ id: (await updateSignature(db, actor, input.id, input.patch)).id }),
);
export const deleteSignatureAction = action("content:write", idOnly, async ({ db, actor, input }) => done(await deleteSignature(db, actor, input.id)));

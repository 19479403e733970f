"use server";
import { z } from "zod";
import { operation } from "@/lib/operations";
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

export const createTemplateAction = action(operation("post /templates"), templateCreateSchema, async ({ db, actor, input }) =>
  done({ id: (await createTemplate(db, actor, input)).id }),
);
export const updateTemplateAction = action(
  operation("patch /templates/{id}"),
  z.object({ id: z.uuid(), patch: templatePatchSchema }),
  async ({ db, actor, input }) => {
    const row = await updateTemplate(db, actor, input.id, input.patch);
    return done({ id: row.id, version: row.currentVersion });
  },
);
export const restoreTemplateVersionAction = action(
  operation("post /templates/{id}/versions/{n}/restore"),
  z.object({ id: z.uuid(), version: z.number().int().min(1) }),
  async ({ db, actor, input }) => {
    const row = await restoreTemplateVersion(db, actor, input.id, input.version);
    return done({ id: row.id, version: row.currentVersion });
  },
);
export const deleteTemplateAction = action(operation("delete /templates/{id}"), idOnly, async ({ db, actor, input }) =>
  done(await deleteTemplate(db, actor, input.id)),
);

export const createHashtagGroupAction = action(operation("post /hashtag-groups"), hashtagGroupCreateSchema, async ({ db, actor, input }) =>
  done({ id: (await createHashtagGroup(db, actor, input)).id }),
);
export const updateHashtagGroupAction = action(
  operation("patch /hashtag-groups/{id}"),
  z.object({ id: z.uuid(), patch: hashtagGroupPatchSchema }),
  async ({ db, actor, input }) => done({ id: (await updateHashtagGroup(db, actor, input.id, input.patch)).id }),
);
export const deleteHashtagGroupAction = action(operation("delete /hashtag-groups/{id}"), idOnly, async ({ db, actor, input }) =>
  done(await deleteHashtagGroup(db, actor, input.id)),
);

export const createSignatureAction = action(operation("post /signatures"), signatureCreateSchema, async ({ db, actor, input }) =>
  done({ id: (await createSignature(db, actor, input)).id }),
);
export const updateSignatureAction = action(
  operation("patch /signatures/{id}"),
  z.object({ id: z.uuid(), patch: signaturePatchSchema }),
  async ({ db, actor, input }) => done({ id: (await updateSignature(db, actor, input.id, input.patch)).id }),
);
export const deleteSignatureAction = action(operation("delete /signatures/{id}"), idOnly, async ({ db, actor, input }) =>
  done(await deleteSignature(db, actor, input.id)),
);

"use server";
import { operation } from "@/lib/operations";
import { action, actionRuntime } from "@/app/_server/action";
import { previewRetention, saveRetention } from "@/lib/retention";
import { retentionSchema } from "@/lib/retention/settings";

/** Admins replace the retention settings (same function as PUT /api/v1/workspace/retention). */
export const saveRetentionAction = action(operation("put /workspace/retention"), retentionSchema, async ({ db, actor, input }) => {
  const view = await saveRetention(db, actor, input);
  actionRuntime.revalidate("/settings/retention");
  return view;
});

/** What the values being edited would remove now (same as GET /api/v1/workspace/retention/preview). */
export const previewRetentionAction = action(operation("get /workspace/retention/preview"), retentionSchema, async ({ db, actor, input }) =>
  previewRetention(db, actor, input),
);

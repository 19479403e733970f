"use server";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action, actionRuntime } from "@/app/_server/action";
import { updateWorkspaceSettings } from "@/lib/workspaces/settings";
import { linkTrackingInput } from "@/lib/links/settings";

/** Admins change the link tracking settings (same as PATCH /api/v1/workspace with link_tracking). */
export const saveLinkTrackingAction = action(
  operation("patch /workspace"),
  z.strictObject({ link_tracking: linkTrackingInput }),
  async ({ db, actor, input }) => {
    await updateWorkspaceSettings(db, actor, input);
    actionRuntime.revalidate("/settings/links");
    return { ok: true };
  },
);

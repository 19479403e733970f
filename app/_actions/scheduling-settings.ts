"use server";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action, actionRuntime } from "@/app/_server/action";
import { createBlackout, deleteBlackout, updateBlackout } from "@/lib/scheduling/blackouts";
import { setPostingSlots } from "@/lib/scheduling/queue";
import { setMyPreferences } from "@/lib/preferences";
import { regenerateFeed } from "@/lib/calendar/feed";
import { appKeyring } from "@/lib/crypto/keyring";
import { blackoutCreateSchema, blackoutPatchSchema, preferencesSchema } from "@/lib/validation/preferences";
import { postingSlotsSchema } from "@/lib/validation/suggestions";
import { getConfig } from "@/lib/config";

// Server actions for the scheduling settings: blackouts, queue times, preferences, the ICS feed.
const done = <T>(value: T) => {
  actionRuntime.revalidate("/settings");
  return value;
};

export const createBlackoutAction = action(operation("post /blackouts"), blackoutCreateSchema, async ({ db, actor, input }) =>
  done({ id: (await createBlackout(db, actor, input)).id }),
);
export const updateBlackoutAction = action(
  operation("patch /blackouts/{id}"),
  z.object({ id: z.uuid(), patch: blackoutPatchSchema }),
  async ({ db, actor, input }) => done({ id: (await updateBlackout(db, actor, input.id, input.patch)).id }),
);
export const deleteBlackoutAction = action(operation("delete /blackouts/{id}"), z.object({ id: z.uuid() }), async ({ db, actor, input }) =>
  done(await deleteBlackout(db, actor, input.id)),
);
export const setPostingSlotsAction = action(
  operation("put /platform-accounts/{id}/slots"),
  z.object({ accountId: z.uuid(), slots: postingSlotsSchema }),
  async ({ db, actor, input }) => done(await setPostingSlots(db, actor, input.accountId, input.slots)),
);
export const setPreferencesAction = action(operation("put /me/preferences"), preferencesSchema, async ({ db, actor, input }) =>
  done({ timezone: (await setMyPreferences(db, actor, input)).timezone }),
);
export const regenerateIcsFeedAction = action(operation("post /ics-feed"), z.object({}), async ({ db, actor }) => {
  const f = await regenerateFeed(db, appKeyring(), actor);
  return done({ url: `${getConfig().nextauthUrl}/api/ics/${f.token}.ics` });
});

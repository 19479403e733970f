"use server";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action, actionRuntime } from "@/app/_server/action";
import { createFeed, deleteFeed, pollFeedNow, updateFeed } from "@/lib/feeds/manage";
import { feedDeps } from "@/lib/feeds/deps";
import { feedCreateSchema, feedPatchSchema } from "@/lib/feeds/validation";

const PATH = "/settings/feeds";

/** Settings → Feeds: the same lib functions as /api/v1/feeds. */
export const createFeedAction = action(operation("post /feeds"), feedCreateSchema, async ({ db, actor, input }) => {
  const row = await createFeed(db, actor, input, feedDeps());
  actionRuntime.revalidate(PATH);
  return { id: row.id, name: row.name };
});

export const updateFeedAction = action(operation("patch /feeds/{id}"), z.object({ id: z.uuid(), patch: feedPatchSchema }), async ({ db, actor, input }) => {
  const row = await updateFeed(db, actor, input.id, input.patch, feedDeps());
  actionRuntime.revalidate(PATH);
  return { id: row.id, active: row.active };
});

export const deleteFeedAction = action(operation("delete /feeds/{id}"), z.object({ id: z.uuid() }), async ({ db, actor, input }) => {
  await deleteFeed(db, actor, input.id);
  actionRuntime.revalidate(PATH);
  return null;
});

export const pollFeedAction = action(operation("post /feeds/{id}/poll"), z.object({ id: z.uuid() }), async ({ db, actor, input }) => {
  const { result } = await pollFeedNow(db, actor, input.id, feedDeps());
  actionRuntime.revalidate(PATH);
  actionRuntime.revalidate("/content");
  return {
    status: result.status,
    error: result.error,
    newItems: result.new_items,
    drafts: result.drafts,
    queued: result.queued,
    markedSeen: result.marked_seen,
    firstPoll: result.first_poll,
  };
});

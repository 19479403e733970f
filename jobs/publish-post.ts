import { task } from "@trigger.dev/sdk";
import { handlePublishPost, type PublishPayload } from "@/lib/publishing/trigger-handlers";
import { taskEnv } from "./trigger/env";
import "./queues";

/**
 * publish-post: triggered per schedule with `delay` = due time (lib/publishing/trigger-sync.ts).
 * The engine does its own retries, so Trigger.dev retries are off.
 */
export const publishPost = task({
  id: "publish-post",
  retry: { maxAttempts: 1 },
  maxDuration: 600,
  run: async (payload: PublishPayload) => {
    const env = await taskEnv("publish");
    return handlePublishPost(env.db, env.deps, payload, env.leaseSeconds);
  },
});

import { schemaTask } from "@trigger.dev/sdk";
import { handlePublishPost, publishPayload } from "./trigger/handlers";
import { taskEnv } from "./trigger/env";
import "./queues";

/**
 * publish-post: triggered per schedule with `delay` = due time (lib/publishing/trigger-sync.ts).
 * The payload is validated before the run starts. The engine does its own retries, so
 * Trigger.dev retries are off.
 */
export const publishPost = schemaTask({
  id: "publish-post",
  schema: publishPayload,
  retry: { maxAttempts: 1 },
  maxDuration: 600,
  run: async (payload) => {
    const env = await taskEnv("publish");
    return handlePublishPost(env.db, env.engine, payload, env.dispatch.leaseSeconds);
  },
});

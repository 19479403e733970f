/**
 * TriggerClient over the Trigger.dev SDK (v4): tasks.trigger with a delay, an idempotency key
 * carrying the schedule version, tags and the platform's queue; runs.reschedule while a run is
 * DELAYED; runs.cancel. The SDK is injectable so tests check the exact calls offline.
 */
import { configure, runs, tasks } from "@trigger.dev/sdk";
import { PUBLISH_TASK, type TriggerClient } from "@/lib/publishing/trigger-sync";

export interface TriggerSdk {
  tasks: {
    trigger: (id: string, payload: unknown, options: { delay: Date; idempotencyKey: string; tags: string[]; queue: string }) => Promise<{ id: string }>;
  };
  runs: {
    retrieve: (runId: string) => Promise<{ status: string }>;
    reschedule: (runId: string, body: { delay: Date }) => Promise<unknown>;
    cancel: (runId: string) => Promise<unknown>;
  };
}

const realSdk = (): TriggerSdk => ({
  tasks: { trigger: (id, payload, options) => tasks.trigger(id, payload, options) },
  runs: {
    retrieve: (runId) => runs.retrieve(runId),
    reschedule: (runId, body) => runs.reschedule(runId, body),
    cancel: (runId) => runs.cancel(runId),
  },
});

export function triggerClient(opts: { secretKey?: string; baseURL?: string; sdk?: TriggerSdk } = {}): TriggerClient {
  if (!opts.sdk) configure({ accessToken: opts.secretKey, ...(opts.baseURL ? { baseURL: opts.baseURL } : {}) });
  const sdk = opts.sdk ?? realSdk();
  return {
    async trigger(req) {
      const handle = await sdk.tasks.trigger(
        PUBLISH_TASK,
        { scheduleId: req.scheduleId },
        { delay: req.delayUntil, idempotencyKey: req.idempotencyKey, tags: req.tags, queue: req.queue },
      );
      return handle.id;
    },
    async reschedule(runId, delayUntil) {
      const run = await sdk.runs.retrieve(runId).catch(() => null);
      if (run?.status !== "DELAYED") return false;
      try {
        await sdk.runs.reschedule(runId, { delay: delayUntil });
        return true;
      } catch {
        return false; // it started in between: a new run takes the new time
      }
    },
    async cancel(runId) {
      // A run that already finished cannot be cancelled, and need not be.
      await sdk.runs.cancel(runId).catch(() => {});
    },
  };
}

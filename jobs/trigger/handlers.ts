/**
 * The bodies of the Trigger.dev tasks, as plain handlers over the same engine and job catalogue
 * the embedded runner uses. jobs/publish-post.ts and jobs/periodic.ts wrap them in schemaTask() /
 * schedules.task(); tests call them directly or through a Trigger.dev-shaped harness.
 */
import { z } from "zod";
import type { Db } from "@/db/client";
import { claimOne } from "@/db/queries/publishing";
import { processClaim, type EngineDeps, type ProcessResult } from "@/lib/publishing/engine";
import { periodicJob, runTriggerPass, type JobEnv } from "../catalogue";

/** publish-post's payload, checked where Trigger.dev hands it over. */
export const publishPayload = z.object({ scheduleId: z.uuid() }).strict();
export type PublishPayload = z.infer<typeof publishPayload>;

/** publish-post: claims the row if it is due and pending, then publishes it. */
export async function handlePublishPost(
  db: Db,
  deps: EngineDeps,
  payload: PublishPayload,
  leaseSeconds: number,
): Promise<{ status: ProcessResult | "not_due" }> {
  const claim = await claimOne(db, { runnerId: deps.runnerId, id: payload.scheduleId, leaseSeconds });
  if (!claim) return { status: "not_due" };
  return { status: await processClaim(db, deps, claim) };
}

/** One scheduled run of a periodic job of the catalogue, at the time Trigger.dev scheduled it. */
export function handlePeriodic(id: string, env: JobEnv, scheduledAt: Date) {
  return runTriggerPass(periodicJob(id), env, scheduledAt);
}

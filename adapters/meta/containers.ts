/**
 * The two-step "media container" flow Threads and Instagram share: create a container, wait until
 * it is FINISHED, publish it. Neither platform honours an idempotency key, so the container id is
 * the checkpoint: it is saved (post.saveState) before publishing, and a retry asks the container
 * what happened instead of creating and publishing a second one.
 *
 * Container states (Threads "Troubleshooting", Instagram "Content Publishing"): IN_PROGRESS,
 * FINISHED (ready), PUBLISHED (done — the post exists), ERROR (processing failed), EXPIRED (not
 * published within 24 h). Meta recommends polling about once a minute for at most five minutes;
 * we poll faster by default (images are usually ready in seconds) and hand the container on to
 * the next attempt instead of holding a worker for minutes.
 */
import type { AdapterContext } from "../adapter";
import { PermanentError, RetryableError, isAdapterError } from "../errors";
import { numberSetting, str, type Graph } from "./graph";

export type ContainerStatus = "IN_PROGRESS" | "FINISHED" | "PUBLISHED" | "ERROR" | "EXPIRED";

/** Threads reports `status` + `error_message`; Instagram `status_code` + a prose `status`. */
export interface StatusFields {
  field: "status" | "status_code";
  detail: "error_message" | "status";
}

export interface PollSettings {
  intervalMs: number;
  maxPolls: number;
}

/** `config.container_poll_interval_ms` and `config.container_max_polls` (tests set them tiny). */
export function pollSettings(ctx: Pick<AdapterContext, "config">): PollSettings {
  return {
    intervalMs: numberSetting(ctx, "container_poll_interval_ms", 5000),
    maxPolls: Math.max(1, Math.floor(numberSetting(ctx, "container_max_polls", 12))),
  };
}

export async function containerStatus(g: Graph, id: string, f: StatusFields): Promise<{ status: string; detail: string | null }> {
  const data = await g.get(`/${id}`, { fields: `id,${f.field},${f.detail}` }, "report the media status");
  return { status: str(data[f.field]) ?? "UNKNOWN", detail: f.detail === f.field ? null : str(data[f.detail]) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls until the container is FINISHED (or already PUBLISHED). ERROR and EXPIRED are final for
 * this container: PermanentError. Still processing after `maxPolls`: RetryableError — the caller
 * has saved the container id, so the next attempt resumes polling the same container.
 */
export async function waitForContainer(g: Graph, id: string, f: StatusFields, poll: PollSettings, label: string): Promise<"FINISHED" | "PUBLISHED"> {
  for (let i = 0; i < poll.maxPolls; i++) {
    const { status, detail } = await containerStatus(g, id, f);
    if (status === "FINISHED" || status === "PUBLISHED") return status;
    if (status === "ERROR") throw new PermanentError(`${g.platform} could not process ${label}: ${detail ?? "no reason given"}`, { platformCode: detail });
    if (status === "EXPIRED") throw new PermanentError(`${g.platform} let ${label} expire before it was published (containers live 24 hours)`);
    if (i < poll.maxPolls - 1) await sleep(poll.intervalMs);
  }
  throw new RetryableError(`${g.platform} is still processing ${label} after ${poll.maxPolls} checks; the next attempt keeps checking the same upload`, {
    retryAfterMs: Math.max(poll.intervalMs, 30_000),
  });
}

/**
 * What a container saved by an earlier attempt allows: "published" (find the post, never publish
 * again), "reuse" (publish it, after waiting if still processing) or "new" (it failed, expired or
 * is unknown to the platform: nothing went out, a fresh container is safe).
 */
export async function savedContainer(g: Graph, id: string, f: StatusFields): Promise<{ use: "published" | "reuse" | "new"; status: string }> {
  let status: string;
  try {
    status = (await containerStatus(g, id, f)).status;
  } catch (err) {
    // Containers are purged some time after they expire; the lookup then fails as a bad id.
    if (isAdapterError(err) && err.kind === "permanent") return { use: "new", status: "MISSING" };
    throw err;
  }
  if (status === "PUBLISHED") return { use: "published", status };
  if (status === "FINISHED" || status === "IN_PROGRESS") return { use: "reuse", status };
  return { use: "new", status };
}

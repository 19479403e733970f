/**
 * Link check: every link must answer 2xx or 3xx. HEAD first (cheap); some servers refuse HEAD,
 * so anything but a success is asked again with GET. Redirects are followed by hand, each hop
 * checked against private addresses (a public link must not bounce the server into its own
 * network) and connected to the very address checked (no second resolution, so no DNS
 * rebinding). Answers are cached briefly, and at most a few links are asked at once.
 */
import { requestPinned, resolveTarget, type CheckedTarget, type PinnedResponse, type Resolver } from "../net/pinned";
import { AppError } from "../errors";

export interface LinkResult {
  url: string;
  ok: boolean;
  /** The final status, when one came back. */
  status?: number;
  /** Why the link fails, fit to show. */
  problem?: string;
}

export interface LinkCheckOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  maxRedirects?: number;
  concurrency?: number;
  /** Host name resolution; the system resolver unless a test plays another. */
  resolver?: Resolver;
}

const CACHE_MS = 60_000;
const cache = new Map<string, { at: number; result: Promise<LinkResult> }>();

/** For tests: forget what was learnt. */
export function clearLinkCache() {
  cache.clear();
}

function ask(target: CheckedTarget, method: "HEAD" | "GET", timeoutMs: number): Promise<PinnedResponse> {
  // Only the status matters: the page is not downloaded.
  return requestPinned(target, { method, timeoutMs, headers: { "user-agent": "content-scheduler-link-check/1" } });
}

function describe(err: unknown, timeoutMs: number): string {
  const e = err as Error & { code?: string };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `did not answer within ${timeoutMs / 1000} s`;
  if (e?.code === "ECONNREFUSED") return "refused the connection";
  return "could not be reached";
}

async function checkOne(raw: string, opts: LinkCheckOptions): Promise<LinkResult> {
  const max = opts.maxRedirects ?? 5;
  let current = raw;
  for (let hop = 0; hop <= max; hop++) {
    let target: CheckedTarget;
    try {
      target = await resolveTarget(current, { allowPrivate: opts.allowPrivate, what: "The link", resolver: opts.resolver });
    } catch (err) {
      const unresolvable = err instanceof AppError && (err.details as { reason?: string } | undefined)?.reason === "unresolvable";
      const msg = unresolvable
        ? "its host does not exist"
        : err instanceof AppError && err.code === "bad_request:private_address"
          ? "points to a private network address; this is refused"
          : err instanceof AppError
            ? err.message.replace(/^The link:? ?/, "")
            : "is not a valid link";
      if (unresolvable) return { url: raw, ok: false, problem: hop ? `redirects to ${current}, whose host does not exist` : msg };
      return { url: raw, ok: false, problem: hop ? `redirects to ${current}, which ${msg}` : msg };
    }
    let res: PinnedResponse | null = null;
    let failure: unknown = null;
    try {
      res = await ask(target, "HEAD", opts.timeoutMs);
    } catch (err) {
      failure = err;
      // A server too slow for HEAD will not be quicker with GET: do not wait twice.
      if ((err as Error)?.name === "TimeoutError") return { url: raw, ok: false, problem: describe(err, opts.timeoutMs) };
    }
    if (!res || res.status >= 400) {
      try {
        res = await ask(target, "GET", opts.timeoutMs);
        failure = null;
      } catch (err) {
        failure ??= err;
        if (!res) return { url: raw, ok: false, problem: describe(failure ?? err, opts.timeoutMs) };
      }
    }
    if (res.status >= 200 && res.status < 300) return { url: raw, ok: true, status: res.status };
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.location;
      if (!location) return { url: raw, ok: true, status: res.status };
      try {
        current = new URL(location, target.url).toString();
      } catch {
        return { url: raw, ok: false, status: res.status, problem: "redirects to an invalid address" };
      }
      continue;
    }
    return { url: raw, ok: false, status: res.status, problem: `answered ${res.status}${res.statusText ? ` ${res.statusText}` : ""}` };
  }
  return { url: raw, ok: false, problem: `redirects more than ${max} times` };
}

/** Checks one link, or reuses an answer from the last minute (also one still on its way). */
export function checkLink(url: string, opts: LinkCheckOptions): Promise<LinkResult> {
  const key = `${opts.allowPrivate ? "p" : "-"}|${opts.timeoutMs}|${url}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.result;
  const result = checkOne(url, opts);
  cache.set(key, { at: Date.now(), result });
  if (cache.size > 5000) for (const [k, v] of cache) if (Date.now() - v.at >= CACHE_MS) cache.delete(k);
  return result;
}

/** Checks several links, at most `concurrency` at a time, answers in the order asked. */
export async function checkLinks(urls: string[], opts: LinkCheckOptions): Promise<LinkResult[]> {
  const out: LinkResult[] = new Array(urls.length);
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const i = next++;
      out[i] = await checkLink(urls[i]!, opts);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 4, urls.length) }, worker));
  return out;
}

/** The crash test's report: what was counted, the seeded kill plan, and the printed form. */
import { seededRandom } from "../../lib/random";

export interface KillRecord {
  n: number;
  /** Since the burst was inserted. */
  atMs: number;
  workerUpMs: number;
  deliveredSoFar: number;
  /** Rows the killed worker held in `publishing` (taken over later through lease expiry). */
  rowsInFlight: number;
  /** Its attempts still `in_progress`: requests that may or may not have reached the platform. */
  attemptsOpen: number;
}

export interface PlatformCount {
  schedules: number;
  /** Schedules with their post on the platform. */
  delivered: number;
  /** Posts created on the platform (all, including any duplicates). */
  posts: number;
  /** Posts beyond one per schedule. */
  duplicatePosts: number;
  /** Create requests that reached the fake. */
  sends: number;
}

export interface CrashReport {
  ok: boolean;
  posts: number;
  plannedKills: number;
  seed: number;
  database: string;
  delivered: number;
  duplicates: number;
  stuck: number;
  /** Published rows whose platform_post_id is not the id of their post on the platform. */
  wrongIds: number;
  /** Posts on the fakes that belong to no schedule of the burst. */
  foreign: number;
  mastodon: PlatformCount & { replayedByKey: number };
  x: PlatformCount & { refusedDuplicates: number };
  /** Per second send to X: how deep its post was in the nearest timeline read before it, and how many that read asked for. */
  xSecondSends: { depth: number | null; read: number | null }[];
  kills: KillRecord[];
  attempts: Record<string, number>;
  /** Rows recovered after a dead lease: rows in flight at the kills. */
  takeovers: number;
  stuckRows: { status: string; platform: string; error: string | null; count: number }[];
  settled: boolean;
  /** A worker delivered nothing for stallTimeoutMs, so fewer kills than asked happened. */
  stalled: boolean;
  /** When rows did not settle: the last worker's heartbeat and where the open rows stand. */
  diagnosis: string | null;
  wallMs: number;
  workerErrors: string[];
}

/** What reached the X fake, in arrival order, with how many posts it held at that moment. */
export type XEvent = { kind: "read"; posts: number; max: number } | { kind: "send"; posts: number; text: string };

/**
 * For every send to X beyond the first for a schedule: the timeline read just before it, and how
 * deep in that timeline (1 = newest) the schedule's post already was. Shows why recovery did
 * not find it. Reads and sends of concurrent recoveries interleave, so the read is the nearest one.
 */
export function explainSecondSends(events: XEvent[], tweets: { text: string }[]): { depth: number | null; read: number | null }[] {
  const sent = new Map<string, number>();
  const out: { depth: number | null; read: number | null }[] = [];
  let lastRead: Extract<XEvent, { kind: "read" }> | null = null;
  for (const e of events) {
    if (e.kind === "read") {
      lastRead = e;
      continue;
    }
    const n = (sent.get(e.text) ?? 0) + 1;
    sent.set(e.text, n);
    if (n < 2) continue;
    const index = tweets.findIndex((t) => t.text === e.text);
    const depth = lastRead && index >= 0 && index < lastRead.posts ? lastRead.posts - index : null;
    out.push({ depth, read: lastRead?.max ?? null });
  }
  return out;
}

/** A seed replays the same kill marks and delays. */
export const prng = seededRandom;

/** Which deliveries (counted on the fakes) trigger the kills: sorted, within the burst. */
export function killMarks(rand: () => number, posts: number, kills: number): number[] {
  return Array.from({ length: kills }, () => Math.max(1, Math.floor((0.02 + 0.88 * rand()) * posts))).sort((a, b) => a - b);
}

/** The report as printed by `npm run test:crash`; the last line is the verdict. */
export function formatReport(r: CrashReport): string[] {
  const lines: string[] = [];
  const k = r.kills;
  if (r.stalled) lines.push(`a worker stopped delivering before kill ${k.length + 1}/${r.plannedKills}: only ${k.length} kills happened`);
  lines.push(
    `kills: ${k.length}/${r.plannedKills}; rows in flight at the kills (lease takeovers): ${r.takeovers}; attempts open at the kills: ${k.reduce((n, x) => n + x.attemptsOpen, 0)}`,
  );
  const a = r.attempts;
  lines.push(
    `attempts: ${Object.entries(a)
      .map(([o, n]) => `${o} ${n}`)
      .join(", ")} (recovered: unknown_outcome ${a.unknown_outcome ?? 0}, found_existing ${a.found_existing ?? 0})`,
  );
  lines.push(
    `mastodon (Idempotency-Key): ${r.mastodon.delivered}/${r.mastodon.schedules} delivered, ${r.mastodon.posts} statuses from ${r.mastodon.sends} create calls ` +
      `(${r.mastodon.replayedByKey} answered from the key), ${r.mastodon.duplicatePosts} duplicate statuses`,
  );
  lines.push(
    `x (no idempotency): ${r.x.delivered}/${r.x.schedules} delivered, ${r.x.posts} posts from ${r.x.sends} create calls, ` +
      `${r.x.duplicatePosts} duplicate posts, ${r.x.refusedDuplicates} second sends refused as duplicate content`,
  );
  if (r.xSecondSends.length) {
    const seen = r.xSecondSends.map((d) =>
      d.depth === null ? "not there yet" : `${d.depth}${d.read !== null && d.depth > d.read ? ` (> ${d.read} read)` : ""}`,
    );
    lines.push(
      `x second sends: the nearest timeline read before each had their post at depth ${seen.slice(0, 20).join(", ")}${seen.length > 20 ? " …" : ""} (1 = newest)`,
    );
  }
  if (r.wrongIds) lines.push(`published rows whose platform_post_id is not their post: ${r.wrongIds}`);
  if (r.foreign) lines.push(`posts on the fakes that belong to no schedule: ${r.foreign}`);
  if (r.diagnosis) lines.push(r.diagnosis);
  for (const s of r.stuckRows.slice(0, 10)) lines.push(`stuck: ${s.count} × ${s.status} on ${s.platform}${s.error ? `: ${s.error.slice(0, 200)}` : ""}`);
  if (r.workerErrors.length) {
    lines.push(`worker warnings/errors (${r.workerErrors.length}${r.workerErrors.length >= 50 ? "+" : ""}), first ones:`);
    for (const e of r.workerErrors.slice(0, 5)) lines.push(`  ${e}`);
  }
  lines.push(`wall time: ${(r.wallMs / 1000).toFixed(1)} s${r.settled ? "" : " (did not settle)"}; seed ${r.seed}`);
  lines.push(`delivered / duplicates / stuck: ${r.delivered} / ${r.duplicates} / ${r.stuck}`);
  return lines;
}

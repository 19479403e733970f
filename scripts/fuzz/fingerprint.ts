/**
 * A fingerprint of what requests could change, read through the API with the harness's admin
 * tokens: both workspaces' lists and settings. Fields the server moves on its own (a token's
 * last use) are left out, so two reads with nothing written in between compare equal.
 */
import { api } from "./http";
import type { Workspace, World } from "./setup";

export type Fingerprint = Map<string, string>;

// A webhook's last_status and failed_last_day summarise its delivery log, which retries move on their own.
const VOLATILE = new Set(["last_used_at", "server_time", "now", "lag_ms", "last_beat_at", "last_status", "failed_last_day"]);
/**
 * What the publishing runner moves on its own once a post is due: a schedule's state and outcome
 * (pending → publishing → published or failed), and its content's status and publish time. A
 * write the fuzz made that was allowed can leave a post due; the runner publishing it between
 * two reads is not a refused write changing something.
 */
const RUNNER_MOVES_SCHEDULE = [
  "publish_status",
  "platform_post_id",
  "platform_post_url",
  "published_at",
  "error_code",
  "error_message",
  "retry_count",
  "metadata",
  "version",
  "updated_at",
];
const RUNNER_STATUSES = new Set(["scheduled", "published", "failed"]);
const dueSoon = (v: Record<string, unknown>) => typeof v.scheduled_time === "string" && Date.parse(v.scheduled_time) <= Date.now() + 5 * 60_000;

const normal = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(normal);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const runnerOwned = new Set<string>();
    if ("publish_status" in o && dueSoon(o)) RUNNER_MOVES_SCHEDULE.forEach((k) => runnerOwned.add(k));
    if ("content_type" in o && typeof o.status === "string" && RUNNER_STATUSES.has(o.status)) ["published_at", "updated_at"].forEach((k) => runnerOwned.add(k));
    return Object.fromEntries(
      Object.entries(o)
        .filter(([k]) => !VOLATILE.has(k) && !runnerOwned.has(k))
        .map(([k, x]) => [k, k === "status" && "content_type" in o && typeof x === "string" && RUNNER_STATUSES.has(x) ? "scheduled or later" : normal(x)]),
    );
  }
  return v;
};

function reads(ws: Workspace, full: boolean): string[] {
  const p = ws.pools;
  const lists = [
    "/workspace",
    "/content?limit=100",
    "/schedules?limit=100",
    "/platform-accounts",
    "/tokens",
    "/webhooks",
    "/templates",
    "/hashtag-groups",
    "/signatures",
    "/blackouts",
    "/members",
    "/media",
  ];
  if (!full) return lists.map((l) => `/api/v1${l}`);
  const first = (kind: string) => p[kind]?.[0];
  return [
    ...lists,
    "/workspace/quality-gates",
    "/workspace/retention",
    "/me/preferences",
    "/me/notification-preferences",
    "/notifications",
    "/approvals",
    "/ics-feed",
    ...(first("content") ? [`/content/${first("content")}/variants`, `/content/${first("content")}/comments`] : []),
    ...(first("account") ? [`/platform-accounts/${first("account")}/slots`] : []),
    ...(first("template") ? [`/templates/${first("template")}/versions`] : []),
    ...(first("series") ? [`/series/${first("series")}`] : []),
  ].map((l) => `/api/v1${l}`);
}

const GROUP: Record<string, string> = {
  approvals: "content",
  import: "content",
  export: "content",
  series: "schedules",
  blackouts: "schedules",
  suggestions: "schedules",
  notifications: "me",
  "ics-feed": "workspace",
  invites: "members",
  "hashtag-groups": "templates",
  signatures: "templates",
};
const groupOf = (path: string) => {
  const seg = /^\/api\/v1\/([^/?]+)/.exec(path)?.[1] ?? "";
  return GROUP[seg] ?? seg;
};
/** The areas a request to this path could touch (content and account changes reach schedules). */
export function areasOf(path: string): Set<string> {
  const g = groupOf(path);
  return new Set(g === "content" || g === "platform-accounts" ? [g, "schedules"] : [g]);
}

/** Reads everything, or only the given areas (a cheap check around one request). */
export async function fingerprint(world: World, areas?: Set<string>): Promise<Fingerprint> {
  const all = [
    ...reads(world.home, true).map((path) => ({ label: `home ${path}`, path, token: world.home.admin })),
    ...reads(world.foreign, false).map((path) => ({ label: `foreign ${path}`, path, token: world.foreign.admin })),
  ];
  const jobs = areas ? all.filter((j) => areas.has(groupOf(j.path))) : all;
  const out: Fingerprint = new Map();
  // Four at a time: the reads are cheap, the round trips are what costs.
  for (let i = 0; i < jobs.length; i += 4) {
    const batch = jobs.slice(i, i + 4);
    const bodies = await Promise.all(
      batch.map((j) => api(world.base, "GET", j.path, { token: j.token }).catch((e: Error) => ({ unreadable: e.message.slice(0, 200) }))),
    );
    batch.forEach((j, k) => out.set(j.label, JSON.stringify(normal(bodies[k]))));
  }
  return out;
}

/** What differs between two fingerprints (over the reads both have), briefly: which reads, and which items in their lists. */
export function diff(a: Fingerprint, b: Fingerprint): string[] {
  const out: string[] = [];
  for (const [label, before] of a) {
    if (!b.has(label)) continue;
    const after = b.get(label);
    if (after === before) continue;
    const items = (s: string | undefined) => {
      const v = s ? (JSON.parse(s) as { items?: Record<string, unknown>[] }) : {};
      return new Map((v.items ?? []).map((x, i) => [String(x.id ?? i), x]));
    };
    const [x, y] = [items(before), items(after)];
    const changed = [...new Set([...x.keys(), ...y.keys()])].filter((k) => JSON.stringify(x.get(k)) !== JSON.stringify(y.get(k)));
    if (!changed.length) {
      out.push(`${label}: ${before.slice(0, 160)} → ${after?.slice(0, 160)}`);
      continue;
    }
    const [a0, b0] = [x.get(changed[0]!), y.get(changed[0]!)];
    const fields =
      a0 && b0
        ? Object.keys({ ...a0, ...b0 })
            .filter((k) => JSON.stringify(a0[k]) !== JSON.stringify(b0[k]))
            .map((k) => `${k}: ${JSON.stringify(a0[k])?.slice(0, 60)} → ${JSON.stringify(b0[k])?.slice(0, 60)}`)
        : [a0 ? "removed" : "added"];
    out.push(`${label}: ${changed.length} item(s) differ (${changed.slice(0, 3).join(", ")}); the first: ${fields.join("; ")}`);
  }
  return out;
}

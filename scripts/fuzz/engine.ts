/**
 * The fuzz engine: walks every operation of the app's own OpenAPI document with fast-check plans
 * (odd bodies, ids, queries, content types, every role, no token, bad and revoked tokens) over
 * real HTTP, and checks each answer: an HTTP answer (no reset), status < 500, the JSON error body
 * on every 4xx under /api/v1, no secret the harness knows, no stored change by a refused request;
 * and the server healthy at the end.
 */
import { backOff, send, type Answer, type Sent } from "./http";
import { buildRequest, loadOps, plansFor, type Built, type Op } from "./requests";
import { createWorld, seed, type World } from "./setup";
import { areasOf, diff, fingerprint, type Fingerprint } from "./fingerprint";

export interface Finding {
  check: "status" | "reset" | "error-body" | "secret" | "changed" | "authz" | "health";
  /** The class: check, status and the kind of odd input that caused it. */
  key: string;
  count: number;
  /** Operations seen in this class. */
  ops: Set<string>;
  example: string;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  seconds: number;
  /** Statuses per operation ("err" = no HTTP answer). */
  table: Map<string, Map<string, number>>;
  findings: Finding[];
  /** Refused writes whose "no change" was checked, and those that could not be (a neighbour unexpectedly succeeded). */
  verified: number;
  unverified: number;
  fingerprints: number;
  fingerprintSeconds: number;
  /** The slowest answers of the run, slowest first: a request that holds the server up for long. */
  slowest: { ms: number; op: string; status: number }[];
}

const SEGMENT = 25;

function redact(world: World, s: string) {
  const names: [string, string][] = [
    [world.home.admin, "<harness admin token>"],
    ...Object.entries(world.home.tokens).map(([k, v]) => [v, `<${k} token>`] as [string, string]),
    [world.foreign.tokens.admin, "<foreign admin token>"],
  ];
  for (const [v, name] of names) s = s.split(v).join(name);
  return s;
}

const excerpt = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

export function describe(world: World, i: number, op: Op, b: Built, a: Answer | null): string {
  const headers = Object.entries(b.sent.headers)
    .map(([k, v]) => `${k}: ${excerpt(v, 80)}`)
    .join("; ");
  const body = b.sent.body ? JSON.stringify(excerpt(b.sent.body.toString("utf8"), 2000)) : "(none)";
  const answer = a ? (a.error ? `no answer: ${a.error}` : `${a.status} ${excerpt(a.text, 240)}`) : "";
  return redact(
    world,
    `#${i} [${op.key}] ${b.sent.method} ${excerpt(b.sent.path, 200)}\n      headers: ${headers}\n      body: ${body}\n      labels: ${b.labels.join(" ")}\n      answer: ${answer}`,
  );
}

function isJsonError(a: Answer) {
  if (!/application\/json/.test(a.headers["content-type"] ?? "")) return false;
  try {
    const e = (JSON.parse(a.text) as { error?: { code?: unknown; message?: unknown } }).error;
    return typeof e?.code === "string" && typeof e.message === "string";
  } catch {
    return false;
  }
}

/** Secrets a successful write introduced (a new token, a webhook secret, credentials), to watch for from then on. */
function learnSecrets(world: World, b: Built, a: Answer) {
  const add = (v: unknown) => {
    if (typeof v === "string" && v.length >= 12 && v.length <= 10_000 && new Set(v).size > 4) world.secrets.add(v);
  };
  try {
    const out = JSON.parse(a.text) as Record<string, unknown>;
    add(out.token);
    add(out.secret);
  } catch {
    /* not JSON */
  }
  try {
    const sent = JSON.parse(b.sent.body?.toString("utf8") ?? "null") as Record<string, unknown> | null;
    if (sent && typeof sent === "object") {
      add(sent.secret);
      add(sent.client_secret);
      if (sent.credentials && typeof sent.credentials === "object") Object.values(sent.credentials).forEach(add);
    }
  } catch {
    /* not JSON */
  }
}

/** Keeps the pools real: new objects join them, deleted ones leave. */
function trackPools(world: World, op: Op, b: Built, a: Answer) {
  const kinds: Record<string, string> = {
    content: "content",
    schedules: "schedule",
    "platform-accounts": "account",
    webhooks: "webhook",
    templates: "template",
    blackouts: "blackout",
    "hashtag-groups": "hashtag-group",
    signatures: "signature",
    invites: "invite",
    tokens: "token",
    media: "media",
  };
  const m = /^\/api\/v1\/([a-z-]+)(?:\/([^/?]+))?/.exec(b.sent.path);
  const kind = m ? kinds[m[1]!] : undefined;
  if (!kind || op.kind !== "doc") return;
  if (b.sent.method === "DELETE" && a.status === 204 && m![2]) world.home.pools[kind] = (world.home.pools[kind] ?? []).filter((id) => id !== m![2]);
  if (b.sent.method === "POST" && a.status === 201 && !m![2]) {
    try {
      const id = (JSON.parse(a.text) as { id?: unknown }).id;
      if (typeof id === "string" && (world.home.pools[kind] ??= []).length < 20) world.home.pools[kind]!.push(id);
    } catch {
      /* not JSON */
    }
  }
}

export async function runFuzz(opts: { base: string; runs: number; seed?: number; only?: string; log?: (line: string) => void }): Promise<FuzzReport> {
  const log = opts.log ?? (() => {});
  const seedValue = opts.seed ?? (Date.now() ^ (Math.random() * 2 ** 31)) >>> 0;
  const started = performance.now();
  const world = await createWorld(opts.base);
  const { ops: allOps, paths } = await loadOps(opts.base);
  // Per-operation counts come from the whole document, so a filtered run replays the same plans.
  const perOp = Math.max(1, Math.ceil(opts.runs / allOps.length));
  const ops = opts.only ? allOps.filter((o) => o.key.includes(opts.only!)) : allOps;
  const plans = new Map(ops.map((op) => [op.key, plansFor(op, seedValue, perOp)]));
  log(`fuzz: seed ${seedValue}, ${ops.length} operations × ${perOp} requests against ${opts.base}`);

  const report: FuzzReport = {
    seed: seedValue,
    requests: 0,
    seconds: 0,
    table: new Map(),
    findings: [],
    verified: 0,
    unverified: 0,
    fingerprints: 0,
    fingerprintSeconds: 0,
    slowest: [],
  };
  const classes = new Map<string, Finding>();
  const find = (check: Finding["check"], key: string, example: string, op = "") => {
    const k = `${check} ${key}`;
    const f = classes.get(k) ?? { check, key: k, count: 0, ops: new Set<string>(), example };
    f.count++;
    if (op) f.ops.add(op);
    classes.set(k, f);
  };
  const count = (op: string, status: string) => {
    const row = report.table.get(op) ?? new Map<string, number>();
    row.set(status, (row.get(status) ?? 0) + 1);
    report.table.set(op, row);
  };

  // Refused writes since `known` was read; compared when the segment closes.
  let known: Fingerprint | null = null;
  let segment: { i: number; op: Op; b: Built; a: Answer }[] = [];
  const read = async (areas?: Set<string>) => {
    report.fingerprints++;
    const t = performance.now();
    const fp = await fingerprint(world, areas);
    report.fingerprintSeconds += (performance.now() - t) / 1000;
    return fp;
  };
  const closeSegment = async () => {
    const now = await read();
    if (known && segment.length) {
      const changes = diff(known, now);
      if (changes.length) {
        const first = segment[0]!;
        const cls =
          segment.length === 1
            ? `${first.a.status} ${first.op.key} ${causeOf(first.b.labels)}`
            : `by one of ${segment.length} refused writes (${[...new Set(segment.map((s) => s.op.key))].slice(0, 4).join(", ")})`;
        find(
          "changed",
          cls,
          `${changes.join("\n      ")}\n    refused writes since the last read:\n    ${segment.map((s) => describe(world, s.i, s.op, s.b, s.a)).join("\n    ")}`,
        );
      } else report.verified += segment.length;
    }
    segment = [];
    known = now;
  };

  let i = 0;
  for (let round = 0; round < perOp; round++) {
    // Within a round, the requests that should be refused go first, in one long batch.
    const built = ops.map((op) => ({ op, b: buildRequest(world, op, plans.get(op.key)![round]!, paths) }));
    built.sort((x, y) => Number(x.b.mayChange) - Number(y.b.mayChange));
    for (const { op, b } of built) {
      // A write that may succeed is checked on its own, over the areas it could touch; the ones
      // that should be refused are checked in batches over everything.
      let before: Fingerprint | null = null;
      if (b.mutating) {
        if (b.mayChange) {
          if (segment.length) await closeSegment();
          before = known ?? (await read(areasOf(b.sent.path)));
        } else if (!known) known = await read();
      }
      let a = await send(opts.base, b.sent, { fresh: true });
      while (a.status === 429) {
        count(op.key, "429");
        await backOff(a);
        a = await send(opts.base, b.sent, { fresh: true });
      }
      i++;
      report.requests++;
      if (!a.error) noteSlow(report, { ms: a.ms, op: op.key, status: a.status });
      check(world, i, op, b, a, find);
      count(op.key, a.error ? "err" : String(a.status));
      if (a.status >= 200 && a.status < 300) {
        learnSecrets(world, b, a);
        trackPools(world, op, b, a);
      }
      const refused = a.status >= 400 && a.status < 500;
      if (before) {
        if (refused) {
          const changes = diff(before, await read(areasOf(b.sent.path)));
          if (changes.length)
            find("changed", `${a.status} ${op.key} ${causeOf(b.labels)}`, `${changes.join("\n      ")}\n    ${describe(world, i, op, b, a)}`, op.key);
          else report.verified++;
        } else known = null;
      } else if (b.mutating) {
        if (refused) {
          segment.push({ i, op, b, a });
          if (segment.length >= SEGMENT) await closeSegment();
        } else if (segment.length && known) {
          // An unexpected success (or a 5xx) among refusals: if nothing changed at all, the refusals
          // are verified; otherwise they cannot be told apart from it.
          const now = await read();
          if (diff(known!, now).length === 0) report.verified += segment.length;
          else report.unverified += segment.length;
          if (process.env.FUZZ_DEBUG) log(`  unexpected ${a.status || a.error}: ${op.key} ${b.labels.join(" ")}`);
          segment = [];
          known = null;
        } else known = null;
      }
      if (i % 250 === 0) {
        log(`  ${i} requests, ${classes.size} finding classes, ${((performance.now() - started) / 1000).toFixed(0)} s`);
        // Deleted seeds are replaced, so real ids stay real.
        if (["content", "schedule", "account", "template", "webhook"].some((k) => !world.home.pools[k]?.length)) {
          await closeSegment();
          const fresh = await seed(opts.base, world.home.admin, world.secrets, true);
          for (const [k, v] of Object.entries(fresh)) world.home.pools[k] = [...(world.home.pools[k] ?? []), ...v];
          known = null;
        }
      }
    }
  }
  if (segment.length) await closeSegment();

  const health = await send(opts.base, { method: "GET", path: "/api/health", headers: {} }, { fresh: true });
  if (health.status !== 200) find("health", "GET /api/health after the run", `${health.status || health.error} ${excerpt(health.text, 300)}`);
  report.findings = [...classes.values()].sort((x, y) => x.key.localeCompare(y.key));
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

function noteSlow(report: FuzzReport, r: FuzzReport["slowest"][number]) {
  if (report.slowest.length >= 5 && r.ms <= report.slowest[4]!.ms) return;
  report.slowest = [...report.slowest, r].sort((x, y) => y.ms - x.ms).slice(0, 5);
}

export const formatSlowest = (report: FuzzReport) => report.slowest.map((r) => `${Math.round(r.ms)} ms ${r.op} (${r.status})`).join("; ");

/** The most telling oddity of a request: what a finding class is named after. */
const CAUSES = [
  "method:",
  "path:",
  "id:bad-encoding",
  "id:odd",
  "body:unicode:nul",
  "body:unicode:lone-surrogate",
  "body:huge",
  "body:deep",
  "body:broken",
  "body:truncated",
  "body:wrongType",
  "body:notObject",
  "body:extraKey",
  "body:empty",
  "type:",
  "id:",
  "body:",
  "query",
  "auth:",
];
export const causeOf = (labels: string[]) => CAUSES.map((c) => labels.find((l) => l.startsWith(c))).find(Boolean) ?? "plain";

type Find = (c: Finding["check"], key: string, example: string, op?: string) => void;

function check(world: World, i: number, op: Op, b: Built, a: Answer, find: Find) {
  const cause = causeOf(b.labels);
  const example = () => describe(world, i, op, b, a);
  const where = op.kind === "doc" ? op.key : `${b.sent.method} ${b.sent.path.split("?")[0]!.slice(0, 60)}`;
  if (a.error) {
    if (!a.error.startsWith("client refused")) find("reset", `${a.error} ${cause}`, example(), where);
    return;
  }
  if (a.status >= 500) find("status", `${a.status} ${cause}`, example(), where);
  if (a.status >= 200 && a.status < 300 && op.kind === "doc" && op.permission && !b.allowed)
    find("authz", `${a.status} ${b.labels[0]} on ${op.permission}`, example(), where);
  if (a.status >= 400 && a.status < 500 && b.sent.path.startsWith("/api/v1") && !isJsonError(a)) find("error-body", `${a.status} ${cause}`, example(), where);
  const own = b.sent.headers.authorization?.replace(/^\S+\s+/, "");
  const haystack = a.text + "\n" + Object.values(a.headers).join("\n");
  for (const s of world.secrets) {
    if (haystack.includes(s)) {
      find("secret", `${op.key} echoes a ${s.startsWith("sch_") ? "token" : "secret"}`, example(), where);
      break;
    }
  }
  if (own && own.length >= 16 && !world.secrets.has(own) && a.text.includes(own)) find("secret", `${op.key} echoes the Authorization header`, example(), where);
}

export function formatTable(report: FuzzReport, label = ""): string {
  const cols = ["2xx", "3xx", "400", "401", "403", "404", "405", "409", "413", "415", "429", "4xx", "5xx", "err"];
  const bucket = (s: string) => (s === "err" ? "err" : cols.includes(s) ? s : `${s[0]}xx`);
  const lines: string[] = [];
  const width = Math.max(...[...report.table.keys()].map((k) => k.length), 20);
  lines.push(`${label}${"operation".padEnd(width)} ${"n".padStart(5)} ${cols.map((c) => c.padStart(5)).join(" ")}`);
  const totals = new Map<string, number>();
  let all = 0;
  for (const [op, row] of [...report.table].sort(([a], [b]) => a.localeCompare(b))) {
    const cells = new Map<string, number>();
    let n = 0;
    for (const [s, c] of row) {
      cells.set(bucket(s), (cells.get(bucket(s)) ?? 0) + c);
      totals.set(bucket(s), (totals.get(bucket(s)) ?? 0) + c);
      n += c;
    }
    all += n;
    lines.push(`${label}${op.padEnd(width)} ${String(n).padStart(5)} ${cols.map((c) => String(cells.get(c) ?? "").padStart(5)).join(" ")}`);
  }
  lines.push(`${label}${"TOTAL".padEnd(width)} ${String(all).padStart(5)} ${cols.map((c) => String(totals.get(c) ?? "").padStart(5)).join(" ")}`);
  return lines.join("\n");
}

export function formatFindings(report: FuzzReport, runs: number): string {
  if (!report.findings.length) return "no findings";
  const out = [`${report.findings.length} finding classes (reproduce: FUZZ_SEED=${report.seed} FUZZ_RUNS=${runs} npm run fuzz)`];
  for (const f of report.findings) {
    const ops = [...f.ops];
    out.push(
      `\n  ✗ ${f.key}  ×${f.count}${ops.length ? ` on ${ops.slice(0, 6).join(", ")}${ops.length > 6 ? ` and ${ops.length - 6} more` : ""}` : ""}\n    ${f.example}`,
    );
  }
  return out.join("\n");
}

export type { Sent };

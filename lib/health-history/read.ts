/**
 * The health history as people and the API read it: per check a list of runs of one status
 * ("segments"), what changed between them ("transitions", a gap in the recording included), and
 * the strip of slots the Health page draws.
 */
import type { Db } from "@/db/client";
import { runEdges, type HealthStatus } from "@/db/queries/health-history";

export type { HealthStatus };
import { platformName } from "@/adapters/registry";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { CHECK_ORDER, type CheckName } from "./record";

/** Samples further apart than this (a missed minute and a little) are a gap: nothing was recording. */
export const GAP_SECONDS = 150;
const MINUTE = 60_000;

export interface Segment {
  status: HealthStatus;
  from: Date;
  /** The end of the last minute of the run. */
  to: Date;
}

export interface CheckHistory {
  check: CheckName;
  subject: string | null;
  scope: "instance" | "workspace";
  label: string;
  /** The latest verdict, if the latest sample is recent; null when nothing is recording. */
  status: HealthStatus | null;
  segments: Segment[];
}

export interface Transition {
  at: Date;
  check: CheckName;
  subject: string | null;
  label: string;
  /** null: no record (nothing was recording). */
  from: HealthStatus | null;
  to: HealthStatus | null;
  value: number | null;
  details: Record<string, unknown>;
}

export interface HealthHistory {
  from: Date;
  to: Date;
  checks: CheckHistory[];
  /** Newest first. */
  transitions: Transition[];
}

const LABELS: Record<Exclude<CheckName, "platform">, string> = { database: "Database", runner: "Job runners", queue: "Queue" };
export const checkLabel = (check: string, subject: string | null) =>
  check === "platform" ? platformName(subject ?? "") : (LABELS[check as keyof typeof LABELS] ?? check);

/** The last `hours` of the instance's checks and the workspace's platforms, as of `now`. */
export async function healthHistory(db: Db, actor: Actor, hours: number, now = new Date()): Promise<HealthHistory> {
  assertCan(actor.role, "health:read");
  const from = new Date(now.getTime() - hours * 3_600_000);
  const edges = await runEdges(db, actor.workspaceId, from, now, GAP_SECONDS);
  const byCheck = new Map<string, CheckHistory>();
  for (const check of ["database", "runner", "queue"] as const)
    byCheck.set(`${check}:`, { check, subject: null, scope: "instance", label: checkLabel(check, null), status: null, segments: [] });
  const details = new Map<Segment, { value: number | null; details: Record<string, unknown> }>();
  let open: Segment | null = null;
  for (const e of edges) {
    const key = `${e.check}:${e.subject}`;
    let c = byCheck.get(key);
    if (!c) {
      const subject = e.subject || null;
      c = {
        check: e.check as CheckName,
        subject,
        scope: e.check === "platform" ? "workspace" : "instance",
        label: checkLabel(e.check, subject),
        status: null,
        segments: [],
      };
      byCheck.set(key, c);
    }
    if (e.isStart) {
      open = { status: e.status, from: e.at, to: new Date(e.at.getTime() + MINUTE) };
      c.segments.push(open);
      details.set(open, { value: e.value, details: e.details });
    }
    if (e.isEnd && open) open.to = new Date(e.at.getTime() + MINUTE);
  }
  const checks = [...byCheck.values()].sort((a, b) => CHECK_ORDER.indexOf(a.check) - CHECK_ORDER.indexOf(b.check) || a.label.localeCompare(b.label));
  const transitions: Transition[] = [];
  for (const c of checks) {
    const last = c.segments.at(-1);
    c.status = last && now.getTime() - last.to.getTime() <= GAP_SECONDS * 1000 ? last.status : null;
    const base = { check: c.check, subject: c.subject, label: c.label };
    c.segments.forEach((s, i) => {
      const prev = c.segments[i - 1];
      const d = details.get(s)!;
      if (prev && s.from.getTime() - prev.to.getTime() > GAP_SECONDS * 1000 - MINUTE) {
        transitions.push({ ...base, at: prev.to, from: prev.status, to: null, value: null, details: {} });
        transitions.push({ ...base, at: s.from, from: null, to: s.status, ...d });
      } else if (prev) transitions.push({ ...base, at: s.from, from: prev.status, to: s.status, ...d });
    });
    if (last && c.status === null) transitions.push({ ...base, at: last.to, from: last.status, to: null, value: null, details: {} });
  }
  transitions.sort((a, b) => b.at.getTime() - a.at.getTime());
  return { from, to: now, checks, transitions };
}

const RANK: Record<HealthStatus, number> = { ok: 0, warn: 1, fail: 2 };

/**
 * The strip: `slots` equal parts of [from, to], each the worst status recorded in it, or null
 * where nothing was recorded.
 */
export function toSlots(segments: Segment[], from: Date, to: Date, slots: number): (HealthStatus | null)[] {
  const width = (to.getTime() - from.getTime()) / slots;
  const out: (HealthStatus | null)[] = Array.from({ length: slots }, () => null);
  for (const s of segments) {
    const first = Math.max(0, Math.floor((s.from.getTime() - from.getTime()) / width));
    const last = Math.min(slots - 1, Math.ceil((s.to.getTime() - from.getTime()) / width) - 1);
    for (let i = first; i <= last; i++) {
      const cur = out[i];
      if (cur === null || cur === undefined || RANK[s.status] > RANK[cur]) out[i] = s.status;
    }
  }
  return out;
}

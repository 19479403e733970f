import "server-only";
import type { Format } from "@/lib/format";
import type { HealthHistory } from "@/lib/health-history/read";
import { toSlots } from "@/lib/health-history/read";
import type { AlertIncidentRow } from "@/db/queries/alerts";
import { alertIncidentOut } from "@/lib/operations/shapes";
import { KIND_LABELS } from "@/lib/alerts/kinds";
import { STATUS_WORDS, type TimelineRow } from "@/components/health/HealthTimeline";
import type { AlertItem } from "@/components/health/AlertList";
import type { ChangeItem } from "@/components/health/ChangeList";
import { describeSample } from "@/components/health/words";

/** 24 hours in quarter hours. */
export const SLOTS = 96;

export function timelineRows(h: HealthHistory, f: Format): TimelineRow[] {
  const width = (h.to.getTime() - h.from.getTime()) / SLOTS;
  const slotLabels = Array.from({ length: SLOTS }, (_, i) => f.range(h.from.getTime() + i * width, h.from.getTime() + (i + 1) * width));
  return h.checks.map((c) => {
    const slots = toSlots(c.segments, h.from, h.to, SLOTS);
    const counts = new Map<string, number>();
    for (const s of slots) counts.set(s ?? "none", (counts.get(s ?? "none") ?? 0) + 1);
    const summary = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([s, k]) => `${STATUS_WORDS[s as keyof typeof STATUS_WORDS]} ${f.duration(k * width)}`)
      .join(", ");
    return {
      key: c.subject ? `${c.check}:${c.subject}` : c.check,
      label: c.label,
      scope: c.scope === "instance" ? "whole server" : "this workspace",
      status: c.status,
      slots,
      slotLabels,
      summary: `last 24 hours: ${summary}`,
    };
  });
}

/** Axis labels every six hours, in the person's zone. */
export function timelineAxis(h: HealthHistory, f: Format): string[] {
  const step = (h.to.getTime() - h.from.getTime()) / 4;
  return [0, 1, 2, 3].map((i) => f.time(h.from.getTime() + i * step)).concat("now");
}

export function changeItems(h: HealthHistory, f: Format, limit = 40): ChangeItem[] {
  return h.transitions.slice(0, limit).map((t, i) => ({
    key: `${t.check}:${t.subject ?? ""}:${t.at.toISOString()}:${i}`,
    when: f.dateTime(t.at),
    label: t.label,
    from: t.from,
    to: t.to,
    detail: t.to === null ? "nothing recorded: the database or every job runner was down" : describeSample(t.check, t.value, t.details, f),
  }));
}

export function alertItems(rows: AlertIncidentRow[], f: Format, now: Date): AlertItem[] {
  return rows.map((r) => {
    const a = alertIncidentOut(r);
    const since = r.firedAt ?? r.pendingSince;
    const resolution = {
      recovered: "cleared",
      insufficient_data: "too little data left to judge",
      rule_disabled: "rule switched off",
      rule_deleted: "rule deleted",
    };
    return {
      id: r.id,
      state: r.state,
      title: `${KIND_LABELS[r.kind].label}${r.subjectLabel ? ` · ${r.subjectLabel}` : ""}`,
      message: a.message ?? a.rule ?? "",
      when:
        r.state === "resolved" && r.resolvedAt
          ? `${f.range(since, r.resolvedAt)} (${f.duration(r.resolvedAt.getTime() - since.getTime())})${a.resolution ? ` · ${resolution[a.resolution]}` : ""}`
          : r.state === "pending"
            ? `condition holding since ${f.dateTime(r.pendingSince)}, not yet for long enough to fire`
            : `since ${f.dateTime(since)} (${f.relative(since, now)})`,
    };
  });
}

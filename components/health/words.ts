import type { Format } from "@/lib/format";

/** A recorded check's figures in words, in the person's locale (zone for times). */
export function describeSample(check: string, value: number | null, details: Record<string, unknown>, f: Format): string {
  const n = (k: string) => Number(details[k] ?? 0);
  const when = (k: string) => (typeof details[k] === "string" ? f.dateTime(details[k] as string) : null);
  switch (check) {
    case "database":
      return value === null ? "" : `answered in ${f.duration(value)}`;
    case "runner":
      return `${f.number(n("live"))} live ${n("live") === 1 ? "runner" : "runners"}`;
    case "queue":
      return n("due")
        ? `${f.number(n("due"))} due · oldest waited ${f.duration(n("oldest_due_seconds") * 1000)} · ${f.number(n("publishing"))} publishing`
        : `nothing due · ${f.number(n("publishing"))} publishing`;
    case "platform": {
      const parts = [`${f.number(n("recent_failures"))} failed, ${f.number(n("recent_successes"))} succeeded in 15 min`];
      if (n("accounts_in_trouble")) parts.push(`${f.number(n("accounts_in_trouble"))} account(s) need attention`);
      const ok = when("last_success_at");
      const bad = when("last_failure_at");
      if (ok) parts.push(`last success ${ok}`);
      if (bad) parts.push(`last failure ${bad}`);
      return parts.join(" · ");
    }
    default:
      return "";
  }
}

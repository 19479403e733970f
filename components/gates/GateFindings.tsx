import { platformName } from "@/adapters/registry";
import { GATE_RULES, RULE_LABELS, type GateRule } from "@/lib/gates/rules";
import type { GateFinding } from "@/lib/gates/types";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "2 errors, 1 warning" or "No problems". */
export function findingsSummary(findings: GateFinding[]): string {
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  if (!findings.length) return "No problems found: every check passed.";
  return [errors && plural(errors, "error"), warnings && plural(warnings, "warning")].filter(Boolean).join(", ");
}

/**
 * The quality gates' findings grouped per rule: errors block, warnings can be acknowledged.
 * Used by the composer's check and when a submit is refused.
 */
export function GateFindings({ findings }: { findings: GateFinding[] }) {
  if (!findings.length) {
    return (
      <p className="rounded-md bg-emerald-50 p-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">No problems found: every check passed.</p>
    );
  }
  const known = new Set<string>(GATE_RULES);
  const rules = [...GATE_RULES.filter((r) => findings.some((f) => f.rule === r)), ...new Set(findings.map((f) => f.rule).filter((r) => !known.has(r)))];
  return (
    <div className="space-y-3" data-testid="gate-findings">
      {rules.map((rule) => {
        const list = findings.filter((f) => f.rule === rule).sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
        const label = RULE_LABELS[rule as GateRule] ?? rule;
        return (
          <section key={rule} aria-label={label}>
            <h3 className="text-sm font-semibold">
              {label} <span className="font-normal text-slate-600 dark:text-slate-400">({findingsSummary(list)})</span>
            </h3>
            <ul className="mt-1 space-y-1">
              {list.map((f, i) => (
                <li key={i} className="flex items-start gap-2 text-sm">
                  <span
                    className={`mt-0.5 shrink-0 rounded px-1.5 py-0.5 text-xs font-semibold ${f.severity === "error" ? "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200" : "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100"}`}
                  >
                    {f.severity === "error" ? "Error" : "Warning"}
                  </span>
                  <span className="min-w-0 break-words">
                    {f.platform && <span className="font-medium">{platformName(f.platform)}: </span>}
                    {f.message}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

/**
 * retention_pruned_rows_total{kind}: rows the retention pruning removed (lib/retention/prune.ts),
 * counted in metric_counters by the statement that removed them, so every process's pruning
 * counts and the number survives restarts. Every kind is listed, at 0 until something goes.
 */
import type { Db } from "@/db/client";
import { counterValues, RETENTION_PRUNED_COUNTER } from "@/db/queries/metric-counters";
import { RETENTION_KINDS } from "@/db/schema/values";

export async function retentionMetricLines(db: Db): Promise<string[]> {
  const counted = new Map((await counterValues(db, RETENTION_PRUNED_COUNTER)).map((r) => [r.labels, Number(r.value)]));
  return [
    `# HELP ${RETENTION_PRUNED_COUNTER} Rows removed by the retention pruning, by kind (publish_attempts, analytics, events, notifications, audit_log, webhook_deliveries).`,
    `# TYPE ${RETENTION_PRUNED_COUNTER} counter`,
    ...RETENTION_KINDS.map((kind) => `${RETENTION_PRUNED_COUNTER}{kind="${kind}"} ${counted.get(kind) ?? 0}`),
  ];
}

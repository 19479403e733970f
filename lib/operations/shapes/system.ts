import { z } from "zod";

/** The instance's health. */
export const health = z.object({
  status: z.enum(["ok", "error"]),
  db: z.object({ ok: z.boolean(), driver: z.enum(["pglite", "postgres"]), latency_ms: z.number().optional(), error: z.string().optional() }),
  runner: z.record(z.string(), z.unknown()),
  queue: z.object({ due: z.number().int(), oldest_due_seconds: z.number().int(), publishing: z.number().int() }).optional(),
  version: z.string(),
  failing: z.array(z.string()).optional(),
});

import { z } from "zod";

/** The answer of POST /workspaces/import (and the last line of its NDJSON stream). */
export const workspaceImported = z.object({
  workspace: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }),
  counts: z.record(z.string(), z.number().int()).describe("rows imported per kind (table)"),
  accounts_to_reconnect: z.number().int().describe("accounts that came without their credentials: reconnect them in Settings → Accounts"),
  webhooks_disabled: z.number().int().describe("webhooks that came without their secret: inactive, with a new secret, until an admin turns them on"),
  paused_schedules: z
    .number()
    .int()
    .describe(
      "schedules still to go out: they arrive paused, so the old and the new server never both publish them; an admin resumes them (Schedules, or POST /schedules/{id}/resume)",
    ),
  people: z
    .array(z.object({ email: z.string(), name: z.string(), role: z.string() }))
    .describe("the exported workspace's members; they are not added here: invite those who should come along"),
});

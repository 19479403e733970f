import { z } from "zod";
import { ACCOUNT_STATUSES } from "@/db/schema/values";
import { id, ts, tsN, iso } from "./common";
import { publicConfig } from "@/lib/accounts/view";
import { accountResponse } from "@/lib/validation/accounts";
import { DELIVERY_STATUSES } from "@/lib/webhooks/validation";

/** Platform accounts, queue times and webhooks. The documented schema of each answer, and beside it the mapper that builds it from rows (typed by the schema, so the two cannot drift). */
export const account = z.object({ id, platform: z.string(), name: z.string(), status: z.enum(ACCOUNT_STATUSES) });
export const postingSlots = z.object({
  timezone: z.string().nullable(),
  slots: z.array(z.object({ days: z.array(z.number().int()), times: z.array(z.string()) })),
});
const webhookBase = { id, url: z.string(), events: z.array(z.string()), active: z.boolean(), created_at: ts };
export const webhook = z.object({ ...webhookBase, failed_last_day: z.number().int().optional(), last_status: z.string().nullable().optional() });
export const webhookCreated = z.object({ ...webhookBase, secret: z.string().describe("the signing secret, shown once") });
export const webhookDelivery = z.object({
  id,
  webhook_id: id,
  event: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempt: z.number().int(),
  http_status: z.number().int().nullable(),
  duration_ms: z.number().int().nullable(),
  response_excerpt: z.string().nullable(),
  next_attempt_at: tsN,
  delivered_at: tsN,
  created_at: ts,
  payload: z.object({ id: z.string(), type: z.string(), created_at: ts, workspace_id: id, data: z.record(z.string(), z.unknown()) }),
});

/** Never credentials: only whether there are any and their key names. Config keys that look secret are dropped. */
export function accountOut(a: {
  id: string;
  platform: string;
  name: string;
  status: (typeof ACCOUNT_STATUSES)[number];
  statusReason?: string | null;
  externalId?: string | null;
  config?: unknown;
  rateLimit?: unknown;
  hasCredentials?: boolean;
  credentialKeys?: string[];
  lastVerifiedAt?: Date | null;
  tokenExpiresAt?: Date | null;
  createdAt?: Date;
  updatedAt?: Date;
}): z.output<typeof accountResponse> {
  const rl = a.rateLimit as { capacity?: unknown; per_seconds?: unknown } | null | undefined;
  return {
    id: a.id,
    platform: a.platform,
    name: a.name,
    status: a.status,
    status_reason: a.statusReason ?? null,
    external_id: a.externalId ?? null,
    config: publicConfig(a.config),
    rate_limit: rl && typeof rl.capacity === "number" && typeof rl.per_seconds === "number" ? { capacity: rl.capacity, per_seconds: rl.per_seconds } : null,
    has_credentials: a.hasCredentials ?? false,
    credential_keys: a.credentialKeys ?? [],
    last_verified_at: iso(a.lastVerifiedAt),
    token_expires_at: iso(a.tokenExpiresAt),
    created_at: iso(a.createdAt),
    updated_at: iso(a.updatedAt),
  };
}

import * as R from "../shapes";
import { postingSlotsSchema } from "@/lib/validation/suggestions";
import { accountCreateSchema, accountPatchSchema, accountResponse, oauthCallbackQuery, oauthStartResponse, oauthStartSchema } from "@/lib/validation/accounts";
import { deliveryListQuery, webhookCreateSchema, webhookPatchSchema } from "@/lib/webhooks/validation";
import { op } from "../define";

const created = 201;

/** Platform accounts and outgoing webhooks. */
export const ACCOUNTS_OPERATIONS = [
  op("get", "/platform-accounts", "accounts", "Platform accounts (never their credentials)", {
    permission: "accounts:read",
    response: R.list(accountResponse),
  }),
  op(
    "post",
    "/platform-accounts",
    "accounts",
    "Add an account, checked with the platform first: status active, or needs_reconnect / error with the platform's reason in status_reason (the account is kept so it can be fixed). Credentials are stored encrypted and never returned",
    { permission: "accounts:manage", body: accountCreateSchema, status: created, response: accountResponse, idempotent: true },
  ),
  op("get", "/platform-accounts/{id}", "accounts", "One account", { permission: "accounts:read", response: accountResponse }),
  op(
    "patch",
    "/platform-accounts/{id}",
    "accounts",
    "Change an account (config is merged, null removes a key; credentials are replaced). New credentials or config, or status active, are checked with the platform at once",
    { permission: "accounts:manage", body: accountPatchSchema, response: accountResponse },
  ),
  op("delete", "/platform-accounts/{id}", "accounts", "Delete an account and its schedules (409 while one is publishing)", { permission: "accounts:manage" }),
  op("post", "/platform-accounts/{id}/verify", "accounts", "Check the credentials with the platform and record the status", {
    permission: "accounts:manage",
    response: accountResponse,
  }),
  op(
    "post",
    "/platform-accounts/oauth/start",
    "accounts",
    "Begin connecting an OAuth 2 account (authorization code + PKCE); account_id reconnects an existing account. The account is verified when the platform sends the browser back",
    { permission: "accounts:manage", body: oauthStartSchema, response: oauthStartResponse },
  ),
  op("get", "/platform-accounts/oauth/callback", "accounts", "Where the platform returns the browser; redirects to the accounts page", {
    permission: "accounts:manage",
    query: oauthCallbackQuery,
    status: 303,
    rawResponse: { type: "text/plain", description: "redirect to /settings/accounts?connected=<id>, or ?error=<message>" },
  }),
  op("get", "/platform-accounts/{id}/slots", "accounts", "An account's queue times", { permission: "accounts:read", response: R.postingSlots }),
  op("put", "/platform-accounts/{id}/slots", "accounts", "Set an account's queue times", {
    permission: "accounts:manage",
    body: postingSlotsSchema,
    response: R.postingSlots,
  }),
  op("get", "/webhooks", "webhooks", "Outgoing webhooks (never their secrets)", { permission: "webhooks:manage", response: R.list(R.webhook) }),
  op("post", "/webhooks", "webhooks", "Add a webhook; the signing secret (given or generated) is shown once", {
    permission: "webhooks:manage",
    body: webhookCreateSchema,
    status: created,
    response: R.webhookCreated,
  }),
  op("get", "/webhooks/{id}", "webhooks", "One webhook", { permission: "webhooks:manage", response: R.webhook }),
  op("patch", "/webhooks/{id}", "webhooks", "Change URL, events, secret or active", {
    permission: "webhooks:manage",
    body: webhookPatchSchema,
    response: R.webhook,
  }),
  op("delete", "/webhooks/{id}", "webhooks", "Delete a webhook and its delivery log", { permission: "webhooks:manage" }),
  op("get", "/webhooks/{id}/deliveries", "webhooks", "The delivery log, newest first", {
    permission: "webhooks:manage",
    query: deliveryListQuery,
    response: R.list(R.webhookDelivery),
  }),
  op("post", "/webhooks/{id}/deliveries/{deliveryId}/resend", "webhooks", "Send a delivery again now (same delivery id)", {
    permission: "webhooks:manage",
    response: R.webhookDelivery,
  }),
  op("post", "/webhooks/{id}/test", "webhooks", "Send a ping event now and log it", { permission: "webhooks:manage", response: R.webhookDelivery }),
] as const;

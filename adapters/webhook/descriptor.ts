import { OPEN_RECEIVER } from "../defaults";
import type { PlatformDescriptor, Validator } from "../types";

export const descriptor: PlatformDescriptor = {
  id: "webhook",
  name: "Webhook",
  // Threads too: the receiver gets the parts array as is and decides what a thread means.
  ...OPEN_RECEIVER,
  // docs/platforms.md, Webhook: configurable per endpoint; this is only the default.
  rateLimit: { capacity: 60, perSeconds: 60, documented: false },
  notes:
    "POSTs signed JSON (X-Signature: sha256=<HMAC>, timestamp header) to the account's URL; " +
    "the idempotency key travels in a header and the receiver dedupes.",
};

/** The receiver owns its rules, so nothing is rejected here. */
export const validate: Validator = () => [];

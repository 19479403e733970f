import { z } from "zod";

/**
 * The version a client read, sent back for optimistic locking. Bounded by the integer column it
 * is compared with: a larger number is a bad request, not a failed query.
 */
export const versionField = z.number().int().min(1).max(2_147_483_647, "must be a version this item could have");

import type { Method, Operation } from "./define";
import { SYSTEM_OPERATIONS } from "./catalogue/system";
import { WORKSPACE_OPERATIONS } from "./catalogue/workspace";
import { CONTENT_OPERATIONS } from "./catalogue/content";
import { SCHEDULES_OPERATIONS } from "./catalogue/schedules";
import { ACCOUNTS_OPERATIONS } from "./catalogue/accounts";
import { TEMPLATES_OPERATIONS } from "./catalogue/templates";
import { ALERTS_OPERATIONS } from "./catalogue/alerts";
import { TRIALS_OPERATIONS } from "./catalogue/trials";
import { EVERGREEN_OPERATIONS } from "./catalogue/evergreen";
import { FEEDS_OPERATIONS } from "./catalogue/feeds";
import { REVIEW_LINK_OPERATIONS } from "./catalogue/review-links";

export type { Method, Operation };

/**
 * Every operation the app serves under /api, declared once (lib/operations/catalogue/*). A test
 * checks this list against the route files and each route file's handlers against its entry.
 */
export const OPERATIONS = [
  ...SYSTEM_OPERATIONS,
  ...WORKSPACE_OPERATIONS,
  ...CONTENT_OPERATIONS,
  ...SCHEDULES_OPERATIONS,
  ...ACCOUNTS_OPERATIONS,
  ...TEMPLATES_OPERATIONS,
  ...ALERTS_OPERATIONS,
  ...TRIALS_OPERATIONS,
  ...EVERGREEN_OPERATIONS,
  ...FEEDS_OPERATIONS,
  ...REVIEW_LINK_OPERATIONS,
] as const;

type Declared = (typeof OPERATIONS)[number];
/** "post /content/{id}/submit": an /api/v1 operation by its method and path. */
export type OperationKey = Declared extends infer D ? (D extends { method: infer M extends string; path: `/api/v1${infer P}` } ? `${M} ${P}` : never) : never;
type ByKey<K extends string> = K extends `${infer M} ${infer P}` ? Extract<Declared, { method: M; path: `/api/v1${P}` }> : never;

const byKey = new Map<string, Operation>(OPERATIONS.map((o) => [`${o.method} ${o.path.replace(/^\/api\/v1/, "")}`, o as Operation]));

/** The declared /api/v1 operation, e.g. operation("post /templates"). */
export function operation<K extends OperationKey>(key: K): ByKey<K> {
  const found = byKey.get(key);
  if (!found) throw new Error(`no operation ${key} is declared in lib/operations`);
  return found as ByKey<K>;
}

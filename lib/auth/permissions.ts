import type { Role as StoredRole } from "@/db/schema/enums";
import { AppError } from "../errors";

import { ROLES } from "@/db/schema/values";

export { ROLES };
export type Role = (typeof ROLES)[number];
// The roles here are the database's enum, no more and no fewer (a type-only check: no bundle cost).
const sameRoles: [Role, StoredRole] extends [StoredRole, Role] ? true : never = true;
void sameRoles;

/**
 * What each role may do. Every server action and API route names one of these and asks
 * `assertCan`; nothing else decides. Viewers read; editors write content and schedules;
 * admins also manage the workspace, its members, accounts, tokens and webhooks.
 */
const MATRIX = {
  "workspace:read": ["admin", "editor", "viewer"],
  "workspace:manage": ["admin"],
  "members:read": ["admin", "editor", "viewer"],
  "members:manage": ["admin"],
  "tokens:manage": ["admin"],
  "accounts:read": ["admin", "editor", "viewer"],
  "accounts:manage": ["admin"],
  "content:read": ["admin", "editor", "viewer"],
  "content:write": ["admin", "editor"],
  "content:approve": ["admin"],
  "schedules:read": ["admin", "editor", "viewer"],
  "schedules:write": ["admin", "editor"],
  "jobs:retry": ["admin", "editor"],
  "analytics:read": ["admin", "editor", "viewer"],
  "webhooks:manage": ["admin"],
  "audit:read": ["admin"],
  "health:read": ["admin", "editor", "viewer"],
  "alerts:manage": ["admin"],
  "feeds:read": ["admin", "editor", "viewer"],
  "feeds:manage": ["admin", "editor"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof MATRIX;
export const PERMISSIONS = Object.keys(MATRIX) as Permission[];

export function can(role: Role, permission: Permission): boolean {
  return (MATRIX[permission] as readonly Role[]).includes(role);
}

export function assertCan(role: Role, permission: Permission): void {
  if (!can(role, permission)) {
    throw new AppError("forbidden", `the ${role} role may not do this (${permission})`);
  }
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };
/** A token or invite may not carry more power than the person who makes it. */
export function roleAtMost(role: Role, ceiling: Role): boolean {
  return RANK[role] <= RANK[ceiling];
}

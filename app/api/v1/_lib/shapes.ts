/** JSON shapes of /api/v1 resources: snake_case, chosen fields only. */
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function tokenOut(t: { id: string; name: string; role: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null; revokedAt: Date | null }) {
  return { id: t.id, name: t.name, role: t.role, prefix: t.prefix, created_at: iso(t.createdAt), last_used_at: iso(t.lastUsedAt), expires_at: iso(t.expiresAt), revoked_at: iso(t.revokedAt) };
}

export function memberOut(m: { userId: string; email: string; name: string; role: string; joinedAt?: Date; lastLoginAt?: Date | null }) {
  return { user_id: m.userId, email: m.email, name: m.name, role: m.role, joined_at: iso(m.joinedAt), last_login_at: iso(m.lastLoginAt) };
}

export function inviteOut(i: { id: string; email: string; role: string; expiresAt: Date; createdAt: Date }) {
  return { id: i.id, email: i.email, role: i.role, expires_at: iso(i.expiresAt), created_at: iso(i.createdAt) };
}

import type { Role } from "./permissions";

/** Who is acting, in which workspace, with which role: resolved once per request or action. */
export interface Actor {
  userId: string | null;
  tokenId: string | null;
  workspaceId: string;
  role: Role;
  ip?: string | null;
}

import type { Role } from "./permissions";

/** Who is acting, in which workspace, with which role: resolved once per request or action. */
export interface Actor {
  userId: string | null;
  tokenId: string | null;
  workspaceId: string;
  role: Role;
  ip?: string | null;
  /**
   * Set when a machine makes the change on the person's behalf (a CSV import, later a feed): the
   * content version is recorded under the role `system`, which approval policies cover.
   */
  system?: "csv_import" | "feed";
}

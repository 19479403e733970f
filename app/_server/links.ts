import "server-only";
import { getConfig } from "@/lib/config";

/** The link an invitee opens: the sign-up page, which also tells account holders to sign in. */
export function inviteUrl(token: string): string {
  return `${getConfig().nextauthUrl}/signup?invite=${encodeURIComponent(token)}`;
}

/** Where links handed to people point: PUBLIC_URL, else NEXTAUTH_URL. */
export function appUrl(): string {
  const c = getConfig();
  return (c.publicUrl ?? c.nextauthUrl).replace(/\/+$/, "");
}

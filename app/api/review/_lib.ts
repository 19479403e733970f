import type { NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { PEER_ADDRESS_HEADER } from "@/lib/http/peer";
import { rateLimitAddress } from "@/lib/rate-limit";
import { clientAddress } from "@/lib/auth/client-address";
import { OPERATIONS, type Operation } from "@/lib/operations";

/** The address a public review request is counted under (never a forwarded-for the client wrote). */
export function reviewAddress(req: NextRequest): string {
  return rateLimitAddress(req.headers.get("x-forwarded-for"), req.headers.get(PEER_ADDRESS_HEADER), getConfig().trustProxyHops);
}

/** The address the audit log records, as the authenticated routes do. */
export function auditIp(req: NextRequest): string | null {
  return clientAddress(req.headers.get("x-forwarded-for"), getConfig().trustProxyHops);
}

/** The declared public operation a route serves (declared in lib/operations/catalogue/review-links.ts). */
export function operation(path: string, method: Operation["method"]): Operation {
  const found = (OPERATIONS as readonly Operation[]).find((o) => o.path === path && o.method === method);
  if (!found) throw new Error(`no operation ${method} ${path} is declared`);
  return found;
}

/**
 * Gives every page a Content-Security-Policy with a fresh nonce. Next.js reads the nonce from the
 * request's Content-Security-Policy header and puts it on its own scripts; the root layout reads
 * x-nonce for its theme script. Pages are rendered per request already (the layout reads cookies).
 */
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, isHttpsUrl, newNonce } from "@/lib/security/headers";

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https: isHttpsUrl(process.env.NEXTAUTH_URL) });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Not the API (its answers are not pages; and a proxy in front of a route makes Next.js
      // buffer request bodies for it), not the short links (/l/: redirects, and a script-less
      // not-found page with its own policy), not build assets, not the icons and the manifest.
      source: "/((?!api/|l/|_next/static/|_next/image|favicon\\.ico|icon\\.svg|apple-icon\\.png|icons/|manifest\\.webmanifest).*)",
      // Nor prefetches or server actions: neither answer is an HTML page, and an action's body
      // would be buffered for the proxy first.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
        { type: "header", key: "next-action" },
      ],
    },
  ],
};

/**
 * Security headers. Two parts: fixed headers every answer carries (pages, API, static files; set
 * by next.config.ts, which never touches bodies), and the Content-Security-Policy of pages, which
 * holds a fresh nonce per request and so is made by proxy.ts. No framework imports: next.config.ts
 * loads this file too.
 */

export interface HeaderPair {
  key: string;
  value: string;
}

/**
 * Browser features the app never uses, switched off for it and anything it might embed. Only
 * features Chromium knows: an unknown name makes it log an error on every page.
 */
const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "usb=()",
  "fullscreen=(self)",
].join(", ");

export function isHttpsUrl(url: string | undefined): boolean {
  try {
    return !!url && new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * The headers every answer carries. HSTS only when the public URL (NEXTAUTH_URL) is https: sent
 * over plain http it would be ignored at best, and it would lock browsers out of an http install
 * reached through a name that later gets https elsewhere.
 */
export function staticSecurityHeaders(publicUrl: string | undefined): HeaderPair[] {
  const headers: HeaderPair[] = [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
  ];
  if (isHttpsUrl(publicUrl)) headers.push({ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" });
  return headers;
}

/** 128 random bits, base64: what a CSP nonce needs to be unguessable. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The pages' policy. Scripts: only those carrying this request's nonce (Next.js puts it on its own
 * scripts and chunks; 'strict-dynamic' lets those load the chunks they need), never inline ones
 * without it. Styles: 'unsafe-inline', because React renders `style=` attributes and FullCalendar
 * and Recharts add <style> elements and inline styles at run time; a nonce cannot cover style
 * attributes, and a nonce in style-src would switch 'unsafe-inline' off. Inline styles cannot run
 * code, so scripts stay strict. Images and media: our own files plus data: and blob: (previews of
 * files being uploaded). connect-src 'self' covers fetches, server actions and the event stream.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code to rebuild server stacks; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only on https: on a plain-http install it would send the browser to a port that is not there.
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

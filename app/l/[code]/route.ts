import { getDb } from "@/lib/database";
import { followLink } from "@/lib/links";

export const dynamic = "force-dynamic";

const NOT_FOUND_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Link not found</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#111;background:#fff}
@media (prefers-color-scheme:dark){body{color:#eee;background:#111}}</style></head>
<body><main><h1>Link not found</h1><p>This short link does not exist, or it was removed with the post it belonged to.</p></main></body></html>`;

/**
 * GET /l/{code}: a short link of a published post. 302 (not 301), so browsers and caches ask
 * again each time: every click is counted, and the target can still change. No sign-in, no
 * cookie; the click counter keeps nothing about the request.
 */
async function follow(req: Request, ctx: { params: Promise<{ code: string }> }): Promise<Response> {
  const { code } = await ctx.params;
  const target = await followLink(await getDb(), code, { method: req.method, userAgent: req.headers.get("user-agent") });
  if (!target) {
    return new Response(req.method === "HEAD" ? null : NOT_FOUND_PAGE, {
      status: 404,
      headers: {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      },
    });
  }
  return new Response(null, { status: 302, headers: { location: target, "cache-control": "private, no-store" } });
}

export const GET = follow;
export const HEAD = follow;

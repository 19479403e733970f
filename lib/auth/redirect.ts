/**
 * Where to go after signing in: only a path on this site. Anything that a browser could read as
 * another origin (`//x`, `/\x`, tabs or newlines inside, absolute URLs) falls back to `/`.
 */
export function safeNextPath(candidate: string | null | undefined): string {
  if (!candidate || !candidate.startsWith("/")) return "/";
  let decoded: string;
  try {
    decoded = decodeURIComponent(candidate);
  } catch {
    return "/";
  }
  // Encoded or not, a backslash or control character is never part of a path we link to.
  if (/[\\\u0000-\u001f\u007f]/.test(decoded) || decoded.startsWith("//")) return "/";
  const base = "http://internal.invalid";
  let url: URL;
  try {
    url = new URL(candidate, base);
  } catch {
    return "/";
  }
  if (url.origin !== base || url.pathname.startsWith("//")) return "/";
  return url.pathname + url.search + url.hash;
}

import { platformName } from "@/adapters/registry";

export interface PublishedLink {
  href: string;
  label: string;
}

/**
 * "View on <platform>" for a stored post URL. Only web addresses and the app's own paths (the
 * sandbox's `/sandbox/<id>`) become links: a platform's answer is not trusted to be a safe href.
 */
export function publishedLink(platformId: string, url: string | null | undefined): PublishedLink | null {
  if (!url) return null;
  const label = `View on ${platformName(platformId)}`;
  if (/^\/(?![/\\])/.test(url)) return { href: url, label };
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? { href: u.toString(), label } : null;
  } catch {
    return null;
  }
}

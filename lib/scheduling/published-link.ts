import { platformName } from "@/adapters/registry";

export interface PublishedLink {
  href: string;
  label: string;
}

/** The one relative link a platform may return: the sandbox's own page of a post. */
const SANDBOX_PAGE = /^\/sandbox\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * "View on <platform>" for a stored post URL. Only http(s) addresses and the sandbox's
 * `/sandbox/<id>` become links: a platform's answer (a self-hosted Mastodon or WordPress can say
 * anything) is not trusted to be a safe href. Browsers drop tabs and line breaks inside a URL, so
 * "/\t/evil.example" would leave the site: no other relative path is accepted.
 */
export function publishedLink(platformId: string, url: string | null | undefined): PublishedLink | null {
  if (!url) return null;
  const label = `View on ${platformName(platformId)}`;
  if (url.startsWith("/")) return platformId === "sandbox" && SANDBOX_PAGE.test(url) ? { href: url, label } : null;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? { href: u.toString(), label } : null;
  } catch {
    return null;
  }
}

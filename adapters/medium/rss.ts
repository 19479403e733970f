/**
 * Just enough RSS 2.0 reading for Medium's public profile feed (`/feed/@username`): the items'
 * title, link and guid. Medium writes titles as CDATA and the guid as `https://medium.com/p/<id>`
 * (`isPermaLink="false"`), the post id the API also answers with. No XML library: the feed is
 * flat and only these three fields are read.
 */

export interface FeedItem {
  title: string;
  /** The story URL without Medium's `?source=rss…` tracking query. */
  link: string;
  guid: string;
  /** Medium's post id (hex), from the guid or, failing that, the end of the link. */
  id: string | null;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" };

export function decodeXmlText(raw: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(raw);
  if (cdata) return (cdata[1] as string).trim();
  return raw
    .replace(/&(#x[0-9a-f]+|#\d+|lt|gt|quot|apos|amp);/gi, (_m, e: string) => {
      if (e[0] === "#") {
        const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : "";
      }
      return ENTITIES[e.toLowerCase()] ?? "";
    })
    .trim();
}

function field(xml: string, tag: string): string {
  const m = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, "i").exec(xml);
  return m ? decodeXmlText(m[1] as string) : "";
}

function idOf(guid: string, link: string): string | null {
  const fromGuid = /\/p\/([0-9a-f]+)\/?$/i.exec(guid);
  if (fromGuid) return fromGuid[1] as string;
  const fromLink = /-([0-9a-f]{8,16})\/?$/i.exec(link);
  return fromLink ? (fromLink[1] as string) : null;
}

/** The feed's items, newest first as Medium lists them; null when the text is not an RSS feed. */
export function parseFeed(xml: string): FeedItem[] | null {
  if (!/<rss\b[\s\S]*<channel\b/i.test(xml)) return null;
  return Array.from(xml.matchAll(/<item\b[^>]*>([\s\S]*?)<\/item>/gi), (m) => {
    const item = m[1] as string;
    const link = field(item, "link").replace(/\?.*$/, "");
    const guid = field(item, "guid");
    return { title: field(item, "title"), link, guid, id: idOf(guid, link) };
  });
}

/**
 * A fetched body as feed items, whatever the format: RSS 2.0 (and 0.9x/RDF 1.0), Atom 1.0 and JSON
 * Feed are read by feedsmith; here each becomes the same small item. Summaries lose their HTML
 * (html-to-text, which also decodes entities and skips scripts and styles) and are shortened.
 */
import crypto from "node:crypto";
import { parseFeed } from "feedsmith";
import { convert } from "html-to-text";
import { shorten } from "./template";

export interface ParsedItem {
  /** guid / id, else link, else a hash of title and text: what dedupes the item. */
  key: string;
  title: string;
  link: string;
  summary: string;
  publishedAt: Date | null;
}

export interface ParsedFeed {
  format: "rss" | "atom" | "json" | "rdf";
  title: string;
  items: ParsedItem[];
}

export class FeedParseError extends Error {
  override name = "FeedParseError";
}

type Loose = Record<string, unknown>;

/** Atom text constructs arrive as { value, type }; RSS and JSON Feed fields as strings. */
function text(v: unknown): string {
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && typeof (v as Loose).value === "string") return (v as Loose).value as string;
  return "";
}

export function htmlToPlain(html: string): string {
  if (!html) return "";
  const plain = convert(html, {
    wordwrap: false,
    selectors: [
      { selector: "a", options: { ignoreHref: true } },
      { selector: "img", format: "skip" },
      { selector: "h1", options: { uppercase: false } },
      { selector: "h2", options: { uppercase: false } },
      { selector: "h3", options: { uppercase: false } },
      { selector: "table", format: "block" },
    ],
  });
  return plain.replace(/\s+/g, " ").trim();
}

function date(v: unknown): Date | null {
  if (typeof v !== "string" || !v.trim()) return null;
  const d = new Date(v.trim());
  return Number.isNaN(d.getTime()) ? null : d;
}

function atomLink(entry: Loose): string {
  const links = Array.isArray(entry.links) ? (entry.links as Loose[]) : [];
  const best = links.find((l) => !l.rel || l.rel === "alternate") ?? links[0];
  return typeof best?.href === "string" ? best.href : "";
}

function keyOf(id: string, link: string, title: string, body: string): string {
  if (id.trim()) return `id:${id.trim()}`.slice(0, 1000);
  if (link.trim()) return `link:${link.trim()}`.slice(0, 1000);
  return `hash:${crypto.createHash("sha256").update(`${title}\n${body}`).digest("hex")}`;
}

function item(id: string, link: string, title: string, html: string, published: unknown): ParsedItem {
  const summary = shorten(htmlToPlain(html));
  const plainTitle = htmlToPlain(title);
  return { key: keyOf(id, link, plainTitle, summary), title: plainTitle, link: link.trim(), summary, publishedAt: date(published) };
}

/** Newest first when the feed dates its items; otherwise in the feed's own order (usually newest first too). */
function newestFirst(items: ParsedItem[]): ParsedItem[] {
  if (!items.every((i) => i.publishedAt)) return items;
  return [...items].sort((a, b) => b.publishedAt!.getTime() - a.publishedAt!.getTime());
}

export function parseFeedBody(body: string): ParsedFeed {
  let parsed: { format: string; feed: unknown };
  try {
    parsed = parseFeed(body.replace(/^\uFEFF/, "")) as { format: string; feed: unknown };
  } catch (err) {
    throw new FeedParseError(`Not a feed this app can read (RSS, Atom or JSON Feed): ${(err as Error).message}`);
  }
  const feed = (parsed.feed ?? {}) as Loose;
  const title = htmlToPlain(text(feed.title));
  if (parsed.format === "atom") {
    const entries = Array.isArray(feed.entries) ? (feed.entries as Loose[]) : [];
    const items = entries.map((e) => item(text(e.id), atomLink(e), text(e.title), text(e.summary) || text(e.content), e.published ?? e.updated));
    return { format: "atom", title, items: newestFirst(items) };
  }
  const raw = Array.isArray(feed.items) ? (feed.items as Loose[]) : [];
  if (parsed.format === "json") {
    const items = raw.map((i) =>
      item(
        text(i.id),
        text(i.url) || text(i.external_url),
        text(i.title),
        text(i.summary) || text(i.content_html) || text(i.content_text),
        i.date_published ?? i.date_modified,
      ),
    );
    return { format: "json", title, items: newestFirst(items) };
  }
  if (parsed.format === "rss" || parsed.format === "rdf") {
    const items = raw.map((i) => {
      const encoded = (i.content as Loose | undefined)?.encoded;
      const dc = (i.dc as Loose | undefined)?.date;
      return item(text(i.guid), text(i.link), text(i.title), text(i.description) || text(encoded), i.pubDate ?? dc);
    });
    return { format: parsed.format, title, items: newestFirst(items) };
  }
  throw new FeedParseError(`Unsupported feed format: ${parsed.format}`);
}

/**
 * A loopback feed server for tests: RSS 2.0, Atom 1.0 and JSON Feed bodies made from a list of
 * items, answers with ETag / Last-Modified and a 304 to a matching conditional GET, redirects,
 * errors and whatever raw answer a test sets. It records every request's path and headers.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FeedItem {
  id: string;
  title: string;
  link: string;
  html: string;
  published: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function rss(items: FeedItem[], title = "Loopback RSS"): string {
  const body = items
    .map(
      (i) =>
        `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link><guid isPermaLink="false">${esc(i.id)}</guid>` +
        `<description>${esc(i.html)}</description><pubDate>${new Date(i.published).toUTCString()}</pubDate></item>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${esc(title)}</title><link>http://example.test/</link><description>d</description>${body}</channel></rss>`;
}

export function atom(items: FeedItem[], title = "Loopback Atom"): string {
  const body = items
    .map(
      (i) =>
        `<entry><title>${esc(i.title)}</title><id>${esc(i.id)}</id><link rel="alternate" href="${esc(i.link)}"/>` +
        `<updated>${i.published}</updated><summary type="html">${esc(i.html)}</summary></entry>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(title)}</title><id>urn:loopback</id><updated>2030-01-01T00:00:00Z</updated>${body}</feed>`;
}

export function jsonFeed(items: FeedItem[], title = "Loopback JSON"): string {
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title,
    items: items.map((i) => ({ id: i.id, url: i.link, title: i.title, content_html: i.html, date_published: i.published })),
  });
}

export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Answers 304 when the request's If-None-Match is this ETag (and sends it on 200s). */
  etag?: string;
  lastModified?: string;
}

export interface FeedServer {
  url: string;
  /** What a path answers; change it between polls. */
  routes: Map<string, Answer>;
  requests: { path: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Answer>();
  const requests: FeedServer["requests"] = [];
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    requests.push({ path, headers: req.headers });
    const a = routes.get(path);
    if (!a) {
      res.writeHead(404, { "content-type": "text/plain" }).end("no such feed");
      return;
    }
    const validators: Record<string, string> = {};
    if (a.etag) validators.etag = a.etag;
    if (a.lastModified) validators["last-modified"] = a.lastModified;
    const matches = (a.etag && req.headers["if-none-match"] === a.etag) || (!a.etag && a.lastModified && req.headers["if-modified-since"] === a.lastModified);
    if (matches) {
      res.writeHead(304, validators).end();
      return;
    }
    res.writeHead(a.status ?? 200, { "content-type": "application/xml; charset=utf-8", ...validators, ...a.headers }).end(a.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routes,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

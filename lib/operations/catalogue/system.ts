import * as R from "../shapes";
import { op } from "../define";

/** The instance itself: health, metrics, public media links, calendar feeds, this document. */
export const SYSTEM_OPERATIONS = [
  { method: "get", path: "/api/health", tag: "system", summary: "Health of the database and job runner", permission: null, status: 200, response: R.health },
  {
    method: "get",
    path: "/api/public/media/{id}",
    tag: "system",
    summary: "A media file by signed, expiring link (for platforms that fetch images: Instagram, Threads)",
    permission: null,
    status: 200,
    rawResponse: { type: "application/octet-stream", description: "the file; 404 when the signature is wrong or expired" },
  },
  {
    method: "get",
    path: "/api/metrics",
    tag: "system",
    summary: "Prometheus metrics of the instance (Authorization: Bearer <METRICS_TOKEN>)",
    permission: null,
    status: 200,
    rawResponse: { type: "text/plain", description: "Prometheus text exposition format 0.0.4" },
  },
  {
    method: "get",
    path: "/api/backup",
    tag: "system",
    summary:
      "The whole instance (embedded database, media, the data folder's secrets; `?secrets=0` leaves them out) as one tar.gz, for `npm run backup` while the app runs (Authorization: Bearer <contents of DATA_DIR/backup.secret>; 404 until that file exists)",
    permission: null,
    status: 200,
    rawResponse: { type: "application/gzip", description: "a backup archive that `npm run restore` reads" },
  },
  {
    method: "get",
    path: "/l/{code}",
    tag: "system",
    summary:
      "A tracked short link of a published post: 302 to the link with its UTM parameters (302, not 301, so every click reaches the app and is counted). GET from a browser counts one click on the UTC day; HEAD and obvious bots or link-preview fetchers are not counted. Nothing about the request is stored",
    permission: null,
    status: 302,
    rawResponse: { type: "text/html", description: "empty, with Location: the target; an unknown code: 404 with a small HTML page" },
  },
  op("get", "/openapi.json", "system", "This document", { permission: null, rawResponse: { type: "application/json", description: "OpenAPI 3.1 document" } }),
] as const;

import fs from "node:fs";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import tar from "tar-stream";
import { log } from "../../log";
import { MANIFEST_NAME, type Manifest } from "./format";

/** What is used of a tar entry's writable side (tar-stream's streams are streamx, not node's). */
interface EntrySink {
  write(chunk: Buffer): boolean;
  end(): void;
  once(event: "drain" | "close" | "error", fn: () => void): unknown;
  off(event: "drain" | "close", fn: () => void): unknown;
}

/** Until the entry can take more, or is gone; the listener that did not fire is taken off again. */
function roomIn(entry: EntrySink): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      entry.off("drain", done);
      entry.off("close", done);
      resolve();
    };
    entry.once("drain", done);
    entry.once("close", done);
  });
}

export interface ArchiveEntry {
  name: string;
  file: string;
  bytes: number;
}

async function writeEntry(pack: tar.Pack, name: string, bytes: number, source: fs.ReadStream | Buffer) {
  await new Promise<void>((resolve, reject) => {
    if (Buffer.isBuffer(source)) return void pack.entry({ name, size: bytes, mode: 0o600 }, source, (err) => (err ? reject(err) : resolve()));
    const entry = pack.entry({ name, size: bytes, mode: 0o600 }, (err) => (err ? reject(err) : resolve())) as unknown as EntrySink;
    // An entry that goes (the reader left, the pack was destroyed) takes its file with it: no
    // drain will come, and the read stream would otherwise hold its file open for good.
    let gone = false;
    const stop = () => {
      gone = true;
      source.destroy();
    };
    entry.once("close", stop);
    entry.once("error", stop);
    (async () => {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        if (!entry.write(chunk)) await roomIn(entry);
        if (gone) throw new Error(`${name}: the archive was abandoned`);
      }
      entry.end();
    })().catch((err) => {
      source.destroy();
      reject(err);
    });
  });
}

/**
 * manifest.json, then each staged file, as one gzip stream for the answer. Backpressure runs from
 * the client back to the file reads; `cleanup` runs once, however the stream ends.
 */
export function packArchive(manifest: Manifest, entries: ArchiveEntry[], cleanup: () => Promise<void>): ReadableStream<Uint8Array> {
  const pack = tar.pack();
  const gzip = zlib.createGzip({ level: 6 });
  let cleaned = false;
  const clean = () => {
    if (cleaned) return;
    cleaned = true;
    cleanup().catch((err) => log.warn("workspace export: scratch folder not removed", { err }));
  };
  pack.pipe(gzip);
  let finished = false;
  // A reader that goes away (a cancelled answer) ends the writing too, and the open file with it.
  gzip.once("close", () => {
    if (!finished) pack.destroy(new Error("the reader went away"));
    clean();
  });
  pack.on("error", () => undefined); // told through the writing loop below
  (async () => {
    const head = Buffer.from(JSON.stringify(manifest, null, 2), "utf8");
    await writeEntry(pack, MANIFEST_NAME, head.byteLength, head);
    for (const e of entries) {
      const stat = await fs.promises.stat(e.file);
      // A media file changed since it was hashed: stop rather than send what the manifest does not say.
      if (stat.size !== e.bytes) throw new Error(`${e.name} changed while the archive was written`);
      await writeEntry(pack, e.name, e.bytes, fs.createReadStream(e.file));
    }
    finished = true;
    pack.finalize();
  })().catch((err) => {
    if (gzip.destroyed) return void log.info("workspace export: the reader left before the end", { err: String(err) });
    log.error("workspace export failed mid-stream", { err });
    gzip.destroy(err as Error);
    pack.destroy();
    clean();
  });
  const web = Readable.toWeb(gzip) as ReadableStream<Uint8Array>;
  return web;
}

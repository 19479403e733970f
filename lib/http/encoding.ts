/**
 * Compression of answers, at the fast settings every answer uses: a month of the calendar is
 * 2.4 MB of JSON, which gzip at level 6 takes ~30 ms to pack and Brotli at quality 1 ~7–11 ms
 * (to a smaller size); gzip at level 1 ~15 ms. The server's front door (scripts/serve.ts) packs
 * answers with these settings as they stream; a body kept rendered (EncodedJson) is packed once
 * per coding and sent packed from then on.
 *
 * Next.js drops a route's own Content-Encoding, so a packed answer names its coding in
 * PACKED_HEADER, which the front door turns into Content-Encoding. The front door marks every
 * request it passes on with FRONT_DOOR_HEADER (replacing whatever a client sent under that name);
 * without it (`next dev`), answers go unpacked.
 */
import { promisify } from "node:util";
import zlib from "node:zlib";
import Negotiator from "negotiator";

export const FRONT_DOOR_HEADER = "x-scheduler-front-door";
export const PACKED_HEADER = "x-scheduler-packed";

export const GZIP_LEVEL = 1;
export const BROTLI_QUALITY = 1;

export type ContentCoding = "br" | "gzip";
const CODINGS: ContentCoding[] = ["br", "gzip"];

/** The coding an Accept-Encoding header prefers among Brotli and gzip (q-values honoured; br on a tie), or null. */
export function preferredCoding(acceptEncoding: string | null): ContentCoding | null {
  if (!acceptEncoding) return null;
  const negotiator = new Negotiator({ headers: { "accept-encoding": acceptEncoding } });
  // negotiator 0.6.4 takes the server's own order for ties as a second argument; its types predate it.
  const encodings = negotiator.encodings.bind(negotiator) as (available: readonly string[], preferred: readonly string[]) => string[];
  const [best] = encodings(CODINGS, CODINGS);
  return best === "br" || best === "gzip" ? best : null;
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** JSON text kept with its compressed forms, each made once, on first use. */
export class EncodedJson {
  private readonly packed = new Map<ContentCoding, Promise<Buffer>>();
  private packedBytes = 0;

  constructor(readonly text: string) {}

  encoded(coding: ContentCoding): Promise<Buffer> {
    let out = this.packed.get(coding);
    if (!out) {
      const input = Buffer.from(this.text);
      out =
        coding === "br"
          ? brotli(input, {
              params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: input.length },
            })
          : gzip(input, { level: GZIP_LEVEL });
      out.then(
        (b) => (this.packedBytes += b.length),
        () => this.packed.delete(coding),
      );
      this.packed.set(coding, out);
    }
    return out;
  }

  /** Bytes held: the text (two per character at most) and what has been packed. */
  get size(): number {
    return this.text.length * 2 + this.packedBytes;
  }
}

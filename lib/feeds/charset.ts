/**
 * A feed's bytes as text, in the encoding it declares: the Content-Type's charset first (HTTP
 * wins over the document, as RFC 7303 says for XML), then the XML declaration's encoding, else
 * UTF-8. Older blogs still serve ISO-8859-1 or windows-1252; read as UTF-8 their accents would
 * turn into replacement characters in every post made from them.
 */
const XML_ENCODING = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;

function decoderFor(label: string | undefined): TextDecoder | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return null; // an unknown label: fall back as if none was given
  }
}

export function feedCharset(bytes: Uint8Array, contentType: string | null): string {
  const fromHeader = contentType?.match(/;\s*charset\s*=\s*"?([^";\s]+)"?/i)?.[1];
  if (decoderFor(fromHeader)) return fromHeader!.toLowerCase();
  // The declaration is ASCII in every encoding a feed may use, so a byte-wise read finds it.
  const head = Buffer.from(bytes.subarray(0, 200)).toString("latin1");
  const fromXml = XML_ENCODING.exec(head)?.[1];
  if (decoderFor(fromXml)) return fromXml!.toLowerCase();
  return "utf-8";
}

export function decodeFeed(bytes: Uint8Array, contentType: string | null): string {
  // TextDecoder drops a byte order mark itself.
  return decoderFor(feedCharset(bytes, contentType))!.decode(bytes);
}

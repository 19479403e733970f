import crypto from "node:crypto";
import { promisify } from "node:util";
import { AppError } from "../../errors";
import type { Sealing } from "./format";

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

/** scrypt at N=2^15, r=8, p=1: 32 MiB and ~0.1 s a derivation, OWASP's floor for scrypt. */
const PARAMS = { N: 1 << 15, r: 8, p: 1 };
const CHECK = "content-scheduler workspace archive";

export interface Sealer {
  sealing: Sealing;
  seal(value: string, aad: string): string;
  open(payload: string, aad: string): string;
}

async function deriveKey(passphrase: string, salt: Buffer, p: { N: number; r: number; p: number }): Promise<Buffer> {
  return scrypt(passphrase.normalize("NFC"), salt, 32, { ...p, maxmem: 256 * p.N * p.r + 1024 * 1024 });
}

function sealWith(key: Buffer, value: string, aad: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return ["s1", iv.toString("base64url"), ct.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** null when the payload does not open with this key (wrong passphrase, tampered, other owner). */
function openWith(key: Buffer, payload: string, aad: string): string | null {
  const [v, iv, ct, tag] = payload.split(".");
  if (v !== "s1" || !iv || ct === undefined || !tag) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

const sealer = (key: Buffer, sealing: Sealing): Sealer => ({
  sealing,
  seal: (value, aad) => sealWith(key, value, aad),
  open(payload, aad) {
    const out = openWith(key, payload, aad);
    if (out === null) throw new AppError("bad_request:archive_damaged", "a sealed secret in the archive does not open: the archive was changed after export");
    return out;
  },
});

/** A new salt and key for an export. */
export async function newSealer(passphrase: string): Promise<Sealer> {
  const salt = crypto.randomBytes(16);
  const key = await deriveKey(passphrase, salt, PARAMS);
  const sealing: Sealing = { kdf: "scrypt", ...PARAMS, salt: salt.toString("base64url"), cipher: "aes-256-gcm", check: "" };
  sealing.check = sealWith(key, CHECK, "check");
  return sealer(key, sealing);
}

/** The key of an archive's sealing, checked against its known text: a wrong passphrase is a 400. */
export async function openSealer(passphrase: string, sealing: Sealing): Promise<Sealer> {
  // The archive must not choose what a derivation costs: its N, r and p would set this server's memory and time.
  if (sealing.N !== PARAMS.N || sealing.r !== PARAMS.r || sealing.p !== PARAMS.p) {
    throw new AppError(
      "bad_request:archive_sealing",
      `the archive's secrets are sealed with scrypt N=${sealing.N}, r=${sealing.r}, p=${sealing.p}; this server opens only the parameters it writes (N=${PARAMS.N}, r=${PARAMS.r}, p=${PARAMS.p}); nothing was imported`,
    );
  }
  const key = await deriveKey(passphrase, Buffer.from(sealing.salt, "base64url"), sealing);
  if (openWith(key, sealing.check, "check") !== CHECK) {
    throw new AppError("bad_request:passphrase", "the passphrase is wrong: it does not open this archive's secrets");
  }
  return sealer(key, sealing);
}

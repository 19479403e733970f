import { getConfig } from "../config";
import type { Keyring } from "./index";

/** The configured keys: ENCRYPTION_KEY encrypts; it and ENCRYPTION_KEYS_OLD decrypt. */
export function appKeyring(): Keyring {
  const cfg = getConfig();
  return { current: cfg.encryptionKey, old: cfg.oldEncryptionKeys };
}

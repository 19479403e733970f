import bcrypt from "bcryptjs";
import { getConfig } from "../config";

/** A new hash at the configured cost (PASSWORD_HASH_COST); a hash carries its cost, so old ones still verify. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, getConfig().passwordHashCost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// A hash to compare against when the email is unknown, so timing does not reveal which emails
// exist. Made once, at the configured cost, so it takes as long as checking a real password.
let dummy: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= bcrypt.hash("no account has this password", getConfig().passwordHashCost);
  await bcrypt.compare(password, await dummy).catch(() => false);
}

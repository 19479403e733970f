import bcrypt from "bcryptjs";

const COST = 11;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// A fixed hash to compare against when the email is unknown, so timing does not reveal which emails exist.
const DUMMY = "$2b$11$R.pLa72sDwjL39O5R57CCuMBEnGN3dhz8RTCQUG2akmub47MfxF26";
export async function burnPasswordCheck(password: string): Promise<void> {
  await bcrypt.compare(password, DUMMY).catch(() => false);
}

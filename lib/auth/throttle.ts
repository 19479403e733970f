import { AppError } from "../errors";

/** How many failed attempts a key (an email, an address, a person's second factor) gets, and for how long it is locked after. */
export interface ThrottlePolicy {
  maxFailures: number;
  lockoutMinutes: number;
}

export class ThrottledError extends AppError {
  constructor(until: Date) {
    const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
    super("rate_limited:sign_in", `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
}

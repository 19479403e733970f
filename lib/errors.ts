/**
 * One error type for the whole app. Codes read `kind:subject` (e.g. `not_found:schedule`); the
 * kind alone decides the HTTP status, so every route answers the same way for the same failure.
 */
export type ErrorKind =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "gone"
  | "payload_too_large"
  | "rate_limited"
  | "unavailable"
  | "internal";

const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly details?: unknown;
  /** Headers the answer must carry (Allow on 405, Retry-After on 429). */
  headers: Record<string, string> = {};

  constructor(code: `${ErrorKind}` | `${ErrorKind}:${string}`, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.kind = code.split(":")[0] as ErrorKind;
    this.details = details;
  }

  get status(): number {
    return STATUS[this.kind];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

export const notFound = (subject: string) => new AppError(`not_found:${subject}`, `${subject.replace(/_/g, " ")} not found`);
export const forbidden = (message = "your role does not allow this") => new AppError("forbidden", message);
export const unauthorized = (message = "sign in or send a valid API token") => new AppError("unauthorized", message);

/** Turns any thrown value into a status and JSON body; unknown errors never leak their text. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (err instanceof AppError) return { status: err.status, body: err.toBody(), headers: err.headers };
  return { status: 500, body: { error: { code: "internal", message: "something went wrong; the server log has details" } }, headers: {} };
}

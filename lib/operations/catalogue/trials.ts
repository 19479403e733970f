import * as R from "../shapes";
import { trialAdoptSchema, trialCreateSchema } from "@/lib/validation/trials";
import { op } from "../define";

/** A/B trials of posting times: everyone reads them, editors start and stop them, admins adopt an arm. */
export const TRIALS_OPERATIONS = [
  op("get", "/trials", "trials", "Trials of posting times, running ones first, each with its results", {
    permission: "analytics:read",
    response: R.list(R.trial),
  }),
  op(
    "post",
    "/trials",
    "trials",
    "Start a trial of posting times on an account or on every account of a platform (one running trial per account: 409 otherwise)",
    { permission: "schedules:write", body: trialCreateSchema, status: 201, response: R.trial, idempotent: true },
  ),
  op("get", "/trials/{id}", "trials", "One trial with its results: per arm posts, mean with 95 % interval, P(best); the verdict once its stop rule is met", {
    permission: "analytics:read",
    response: R.trial,
  }),
  op("post", "/trials/{id}/stop", "trials", "Stop a running trial; its results are kept as they stand (409 when it has ended)", {
    permission: "schedules:write",
    response: R.trial,
  }),
  op(
    "post",
    "/trials/{id}/adopt",
    "trials",
    "Adopt an arm of an ended trial as the posting slots of its accounts (an arm other than the winner needs confirm: true)",
    { permission: "accounts:manage", body: trialAdoptSchema, response: R.trialAdopted },
  ),
] as const;

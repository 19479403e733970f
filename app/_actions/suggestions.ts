"use server";
import { action } from "@/app/_server/action";
import { suggestForAccounts } from "@/lib/scheduling/suggest";
import { suggestionsForAccountsInput } from "@/lib/validation/suggestions";

/** The composer's best times: one answer per ticked account, each named by its platform and research. */
export const suggestTimesForAccountsAction = action("schedules:read", suggestionsForAccountsInput, async ({ db, actor, input }) =>
  suggestForAccounts(db, actor, input),
);

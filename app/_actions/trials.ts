"use server";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action, actionRuntime } from "@/app/_server/action";
import { createTrial, stopTrial } from "@/lib/trials/manage";
import { adoptArm } from "@/lib/trials/adopt";
import { trialAdoptSchema, trialCreateSchema } from "@/lib/validation/trials";

// Server actions of Analytics → Trials: the same operations as /api/v1/trials.
const done = <T>(value: T, id?: string) => {
  actionRuntime.revalidate("/analytics/trials");
  if (id) actionRuntime.revalidate(`/analytics/trials/${id}`);
  return value;
};

export const createTrialAction = action(operation("post /trials"), trialCreateSchema, async ({ db, actor, input }) => {
  const v = await createTrial(db, actor, input);
  return done({ id: v.trial.id }, v.trial.id);
});

export const stopTrialAction = action(operation("post /trials/{id}/stop"), z.object({ id: z.uuid() }).strict(), async ({ db, actor, input }) => {
  const v = await stopTrial(db, actor, input.id);
  return done({ id: v.trial.id, status: v.trial.status }, v.trial.id);
});

export const adoptTrialArmAction = action(
  operation("post /trials/{id}/adopt"),
  trialAdoptSchema.extend({ id: z.uuid() }).strict(),
  async ({ db, actor, input }) => {
    const { id, ...rest } = input;
    const v = await adoptArm(db, actor, id, rest);
    actionRuntime.revalidate("/settings/accounts");
    return done({ id, arm: v.trial.adoptedArm, accounts: v.adopted.length }, id);
  },
);

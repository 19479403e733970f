import { z } from "zod";
import { PLATFORMS } from "@/adapters/types";
import { isoDateTime, safeString } from "./common";

/** What a trial's arms can do, how posts are dealt to them, and what is measured (lib/trials). */
export const TRIAL_STRATEGIES = ["learned", "baseline", "slots"] as const;
export const TRIAL_ALLOCATIONS = ["alternate", "random"] as const;
export const TRIAL_METRICS = ["engagement_rate", "clicks"] as const;
export const TRIAL_STATUSES = ["running", "completed", "stopped"] as const;
export const MAX_ARMS = 6;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "times are HH:mm (00:00 to 23:59)");
export const weeklySlotSchema = z
  .object({
    days: z
      .array(z.number().int("days are whole numbers").min(0, "days are 0 (Sunday) to 6 (Saturday)").max(6, "days are 0 (Sunday) to 6 (Saturday)"))
      .min(1, "name at least one day (0 = Sunday)")
      .max(7),
    times: z.array(hhmm).min(1, "name at least one time").max(24),
  })
  .strict();

export const trialArmSchema = z
  .object({
    key: z
      .string()
      .regex(/^[a-z0-9_-]{1,20}$/, "key: 1 to 20 of a–z, 0–9, _ and -")
      .optional()
      .describe("short id of the arm; a, b, c … by position when left out"),
    name: safeString().trim().min(1, "name the arm").max(60, "an arm's name has at most 60 characters"),
    strategy: z.enum(TRIAL_STRATEGIES, { message: "strategy must be learned, baseline or slots" }),
    slots: z.array(weeklySlotSchema).min(1, "a slots arm needs at least one weekly slot").max(20).optional(),
  })
  .strict()
  .superRefine((arm, ctx) => {
    if (arm.strategy === "slots" && !arm.slots) ctx.addIssue({ code: "custom", path: ["slots"], message: "a slots arm needs its weekly slots" });
    if (arm.strategy !== "slots" && arm.slots) ctx.addIssue({ code: "custom", path: ["slots"], message: `a ${arm.strategy} arm takes no slots` });
  });

export const trialCreateSchema = z
  .object({
    name: safeString().trim().min(1, "name the trial").max(120, "a name has at most 120 characters"),
    hypothesis: safeString().trim().max(1000, "a hypothesis has at most 1000 characters").optional(),
    platform_account_id: z.uuid({ message: "platform_account_id must be an id" }).optional().describe("the one account the trial runs on"),
    platform_id: z
      .enum(PLATFORMS, { message: `platform_id must be one of ${PLATFORMS.join(", ")}` })
      .optional()
      .describe("or: every account of this platform in the workspace"),
    arms: z.array(trialArmSchema).min(2, "a trial needs at least 2 arms").max(MAX_ARMS, `a trial has at most ${MAX_ARMS} arms`),
    allocation: z.enum(TRIAL_ALLOCATIONS, { message: "allocation must be alternate or random" }).default("alternate"),
    metric: z.enum(TRIAL_METRICS, { message: "metric must be engagement_rate or clicks" }).default("engagement_rate"),
    stop_posts_per_arm: z
      .number({ message: "must be a number" })
      .int("must be a whole number")
      .min(2, "must be at least 2")
      .max(1000, "can be at most 1000")
      .optional()
      .describe("the trial completes once every arm has this many measured posts"),
    stop_at: isoDateTime.optional().describe("… or at this time, whichever comes first"),
    timezone: z.string().trim().min(1).max(64).optional().describe("the zone of the arms' slot times; the person's own by default"),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.platform_account_id === !v.platform_id)
      ctx.addIssue({ code: "custom", path: ["platform_account_id"], message: "name one target: platform_account_id or platform_id" });
    if (v.stop_posts_per_arm === undefined && v.stop_at === undefined)
      ctx.addIssue({ code: "custom", path: ["stop_posts_per_arm"], message: "give a stop rule: stop_posts_per_arm, stop_at or both" });
    const keys = v.arms.map((a, i) => a.key ?? String.fromCharCode(97 + i));
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i) ctx.addIssue({ code: "custom", path: ["arms", i, "key"], message: `two arms have the key "${k}"` });
    });
    const names = v.arms.map((a) => a.name.toLowerCase());
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) ctx.addIssue({ code: "custom", path: ["arms", i, "name"], message: `two arms are named "${v.arms[i]!.name}"` });
    });
  });
export type TrialCreateInput = z.infer<typeof trialCreateSchema>;

export const trialAdoptSchema = z
  .object({
    arm: z.string().min(1, "name the arm to adopt").max(20).describe("the arm's key"),
    confirm: z.boolean().optional().describe("needed to adopt an arm that is not the trial's winner"),
  })
  .strict();
export type TrialAdoptInput = z.infer<typeof trialAdoptSchema>;

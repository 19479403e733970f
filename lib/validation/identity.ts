import { z } from "zod";
import { ROLES } from "../auth/permissions";

export const roleSchema = z.enum(ROLES, { message: "role must be admin, editor or viewer" });
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "enter a valid email address" }));
export const passwordSchema = z.string().min(8, "password must be at least 8 characters").max(200, "password must be at most 200 characters");

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "enter your name").max(100),
  email: emailSchema,
  password: passwordSchema,
  workspaceName: z.string().trim().min(1, "name your workspace").max(80).optional(),
  inviteToken: z.string().optional(),
  /** The browser's IANA zone, shown on the form: signing up confirms it as the person's zone. */
  timezone: z.string().trim().min(1).max(64).optional(),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({ email: emailSchema, password: z.string().min(1).max(200), code: z.string().trim().max(40).optional() });

/** A code from an authenticator app (6 digits) or a recovery code. */
export const secondFactorCodeSchema = z.string().trim().min(6, "enter the 6-digit code or a recovery code").max(40, "that code is too long");
export const forgotPasswordSchema = z.object({ email: emailSchema });
export const resetPasswordSchema = z.object({
  token: z.string().trim().min(10, "this reset link is not valid").max(200, "this reset link is not valid"),
  password: passwordSchema,
});
export const changePasswordSchema = z.object({ current: z.string().min(1, "enter your current password").max(200), password: passwordSchema });

export const inviteSchema = z.object({ email: emailSchema, role: roleSchema.default("editor") });
export const memberRoleSchema = z.object({ role: roleSchema });

export const tokenCreateSchema = z
  .object({
    name: z.string().trim().min(1, "name is required").max(80, "name must be at most 80 characters"),
    role: roleSchema.optional(),
    expires_in_days: z.number().int().min(1).max(3650).optional(),
  })
  .strict();

export const uuidSchema = z.uuid({ message: "must be an id" });

export const signInSecuritySchema = z.object({ require_two_factor: z.boolean({ message: "require_two_factor must be true or false" }) }).strict();
export const signInSecurityResponse = z.object({
  require_two_factor: z
    .boolean()
    .describe("members without two-factor sign-in must set it up before their browser session works (API tokens are not affected)"),
  members: z.number().int(),
  members_with_two_factor: z.number().int(),
});

import { z } from "zod";
import { ROLES } from "../auth/permissions";

export const roleSchema = z.enum(ROLES, { message: "role must be admin, editor or viewer" });
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ message: "enter a valid email address" }));
export const passwordSchema = z
  .string()
  .min(8, "password must be at least 8 characters")
  .max(200, "password must be at most 200 characters");

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "enter your name").max(100),
  email: emailSchema,
  password: passwordSchema,
  workspaceName: z.string().trim().min(1, "name your workspace").max(80).optional(),
  inviteToken: z.string().optional(),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) });

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

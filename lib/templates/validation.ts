import { z } from "zod";
import { PLATFORMS } from "@/adapters/types";
import { tagSchema } from "../validation/common";
import { templateProblems } from "./render";

/** Request bodies of templates, hashtag groups and signatures (also the OpenAPI source). */
const platformList = z.array(z.enum(PLATFORMS, { message: `platform must be one of: ${PLATFORMS.join(", ")}` })).max(PLATFORMS.length);
const name = z.string().trim().min(1, "name is required").max(100, "name can have at most 100 characters");

const body = z
  .string()
  .max(10_000, "body can have at most 10,000 characters")
  .refine((s) => s.trim().length > 0, { message: "body is required" })
  .superRefine((s, ctx) => {
    for (const message of templateProblems(s)) ctx.addIssue({ code: "custom", message });
  });

const templateFields = {
  name,
  body,
  default_platforms: platformList.nullish(),
  default_tags: z.array(tagSchema).max(30, "at most 30 tags").nullish(),
};
export const templateCreateSchema = z.object(templateFields).strict();
export const templatePatchSchema = z
  .object({ ...templateFields, version: z.number().int().min(1).optional().describe("the version you edited; 409 when someone saved a newer one") })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).some((k) => k !== "version"), { message: "send at least one field to change" });
export type TemplateInput = z.infer<typeof templateCreateSchema>;
export type TemplatePatch = z.infer<typeof templatePatchSchema>;

/** `#tag`, `tag` or `# tag`: one word, stored with its leading #. */
const hashtag = z
  .string()
  .trim()
  .transform((s) => s.replace(/^#+\s*/, ""))
  .pipe(
    z
      .string()
      .min(1, "a hashtag cannot be empty")
      .max(100, "a hashtag can have at most 100 characters")
      .regex(/^[^\s#,]+$/u, "a hashtag is one word without spaces, commas or #"),
  )
  .transform((s) => `#${s}`);

const groupFields = {
  name,
  hashtags: z
    .array(hashtag)
    .min(1, "add at least one hashtag")
    .max(60, "at most 60 hashtags")
    .transform((tags) => [...new Map(tags.map((t) => [t.toLowerCase(), t])).values()]),
  platforms: platformList.nullish(),
};
export const hashtagGroupCreateSchema = z.object(groupFields).strict();
export const hashtagGroupPatchSchema = z
  .object(groupFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one field to change" });
export type HashtagGroupInput = z.infer<typeof hashtagGroupCreateSchema>;

const signatureFields = {
  name,
  body: z
    .string()
    .max(2_000, "signature can have at most 2,000 characters")
    .refine((s) => s.trim().length > 0, { message: "body is required" }),
  platform: z.enum(PLATFORMS, { message: `platform must be one of: ${PLATFORMS.join(", ")}` }).nullish(),
};
export const signatureCreateSchema = z.object(signatureFields).strict();
export const signaturePatchSchema = z
  .object(signatureFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one field to change" });
export type SignatureInput = z.infer<typeof signatureCreateSchema>;

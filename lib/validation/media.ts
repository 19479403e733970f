import { z } from "zod";

export const mediaUploadQuery = z.object({ filename: z.string().trim().min(1).max(200).optional(), alt_text: z.string().max(1500).optional() }).strict();
export const mediaPatchSchema = z.object({ alt_text: z.string().trim().max(1500, "alt text can have at most 1,500 characters").nullable() }).strict();

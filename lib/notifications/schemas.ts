import { z } from "zod";
import { pageQuery } from "../validation/common";

export { notificationPrefsSchema, type NotificationPrefsInput } from "./prefs";

export const notificationListQuery = z
  .object({
    ...pageQuery,
    limit: pageQuery.limit.default(20),
    unread: z
      .enum(["true", "false"], { message: "unread is true or false" })
      .default("false")
      .transform((v) => v === "true"),
  })
  .strict();
export type NotificationListQuery = z.infer<typeof notificationListQuery>;

import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { userPreferences } from "../schema";

const columns = {
  timezone: userPreferences.timezone,
  timezoneConfirmedAt: userPreferences.timezoneConfirmedAt,
  locale: userPreferences.locale,
  weekStart: userPreferences.weekStart,
  postingFrequency: userPreferences.postingFrequency,
  updatedAt: userPreferences.updatedAt,
};

export async function readPreferences(db: Db, userId: string) {
  const [row] = await db.select(columns).from(userPreferences).where(eq(userPreferences.userId, userId)).limit(1);
  return row ?? null;
}

export async function writePreferences(
  db: Db,
  userId: string,
  v: Partial<Pick<typeof userPreferences.$inferInsert, "timezone" | "timezoneConfirmedAt" | "locale" | "weekStart" | "postingFrequency">>,
) {
  const [row] = await db
    .insert(userPreferences)
    .values({ userId, ...v })
    .onConflictDoUpdate({ target: userPreferences.userId, set: { ...v, updatedAt: new Date() } })
    .returning(columns);
  return row!;
}

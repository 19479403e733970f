import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue } from "@/scripts/test/publishing";
import { contentItems, contentMedia, contentVariants, media, recurrenceSeries, schedules } from "@/db/schema";
import type { Db } from "@/db/client";
import { contentUsingMedia } from "./content-versions";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;

// A media change must reach review for every item whose posts are not all out yet, whatever
// the item's status says: a published item can be scheduled again or belong to a live series.
describe("content using a media file", () => {
  it("is every unpublished item, and any item with a post still to come", async () => {
    const { workspace } = await makeWorkspace(db(), ["admin"]);
    const ws = workspace.id;
    const accountId = await makeAccount(db(), ws, "sandbox");
    const [file] = await db()
      .insert(media)
      .values({ workspaceId: ws, filename: "a.png", mimeType: "image/png", sizeBytes: 1, storagePath: "x/a.png", sha256: "0" })
      .returning();
    const item = async (
      title: string,
      status: "draft" | "published" | "archived",
      opts: { pending?: boolean; variant?: boolean; series?: "live" | "ended"; uses?: boolean } = {},
    ) => {
      const contentId = opts.pending
        ? (await makeDue(db(), ws, accountId, "sandbox", { title, dueIn: 3600 })).contentId
        : (await db().insert(contentItems).values({ workspaceId: ws, title, content: title }).returning())[0]!.id;
      await db().update(contentItems).set({ status }).where(eq(contentItems.id, contentId));
      if (opts.uses !== false && !opts.variant) await db().insert(contentMedia).values({ contentItemId: contentId, mediaId: file!.id });
      if (opts.variant)
        await db()
          .insert(contentVariants)
          .values({ contentItemId: contentId, platform: "sandbox", text: "v", mediaIds: [file!.id] });
      if (opts.series)
        await db()
          .insert(recurrenceSeries)
          .values({
            workspaceId: ws,
            contentItemId: contentId,
            platformAccountIds: [accountId],
            rrule: "FREQ=WEEKLY",
            timezone: "UTC",
            localTime: "2030-01-01T09:00",
            startsAt: new Date("2030-01-01T09:00Z"),
            endedAt: opts.series === "ended" ? new Date() : null,
          });
      return contentId;
    };
    const draft = await item("Draft", "draft");
    await item("Draft without the file", "draft", { uses: false });
    await item("Published, all out", "published");
    const again = await item("Published, scheduled again", "published", { pending: true, variant: true });
    const series = await item("Published, live series", "published", { series: "live" });
    await item("Published, ended series", "published", { series: "ended" });
    await item("Archived", "archived");

    const found = await contentUsingMedia(db(), ws, file!.id);
    expect(found.map((f) => f.title).sort()).toEqual(["Draft", "Published, live series", "Published, scheduled again"]);
    expect(found.find((f) => f.id === draft)).toMatchObject({ status: "draft", open: false });
    expect(found.find((f) => f.id === again)).toMatchObject({ status: "published", open: true });
    expect(found.find((f) => f.id === series)).toMatchObject({ status: "published", open: true });

    // Once its last post went out, a published item no longer holds the file back.
    await db().update(schedules).set({ publishStatus: "published" }).where(eq(schedules.contentItemId, again));
    expect((await contentUsingMedia(db(), ws, file!.id)).map((f) => f.id)).not.toContain(again);
  });
});

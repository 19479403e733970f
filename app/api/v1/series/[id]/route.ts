import { apiRoute, idParam } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { seriesOut } from "@/lib/operations/shapes";
import { deleteSeries, describeSeries, updateSeries } from "@/lib/scheduling/series";
import { otherMethods } from "../../_lib/methods";

async function out(db: Parameters<typeof describeSeries>[0], actor: Parameters<typeof describeSeries>[1], id: string) {
  const d = await describeSeries(db, actor, id);
  return seriesOut(d.series, d.counts, d.next);
}

/** A recurring series: its rule, counts by status and next occurrences. */
export const GET = apiRoute(operation("get /series/{id}"), async ({ db, actor, params }) => out(db, actor, idParam(params, "id", "series")));

/** Changes the whole series; open future occurrences are replaced, history stays. */
export const PATCH = apiRoute(operation("patch /series/{id}"), async ({ db, actor, params, body }) => {
  const id = idParam(params, "id", "series");
  const r = await updateSeries(db, actor, id, body);
  return { ...(await out(db, actor, id)), replaced: r.replaced, created: r.created, skipped_occurrences: r.skippedOccurrences };
});

/** Ends the series: occurrences not yet out are removed; published ones stay. */
export const DELETE = apiRoute(operation("delete /series/{id}"), async ({ db, actor, params }) => deleteSeries(db, actor, idParam(params, "id", "series")));

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);

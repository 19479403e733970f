/**
 * GET /analytics/export?dataset=<id>&from=YYYY-MM-DD&to=YYYY-MM-DD — the table behind one chart of
 * the analytics screen as CSV, for the signed-in member's current workspace, with the same range
 * rules as the page (days in the member's zone). A bad dataset or range is a 400 that says why.
 */
import { requireMember } from "@/app/_server/session";
import { getMyPreferences } from "@/lib/preferences";
import { parseRange } from "@/lib/analytics/range";
import { analyticsDataset } from "@/lib/analytics/dashboard";
import { csvFileName, csvOf, DATASETS, isDatasetId } from "@/lib/analytics/report";
import { toCsv } from "@/lib/csv";

const problem = (message: string) => new Response(`${message}\n`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });

export async function GET(request: Request) {
  const { db, actor } = await requireMember();
  const params = new URL(request.url).searchParams;
  const dataset = params.get("dataset");
  if (!isDatasetId(dataset)) return problem(`dataset must be one of: ${Object.keys(DATASETS).join(", ")}`);
  const prefs = await getMyPreferences(db, actor);
  const parsed = parseRange(params.get("from") || undefined, params.get("to") || undefined, new Date(), prefs.timezone);
  if (!parsed.ok) return problem(parsed.message);
  const rows = await analyticsDataset(db, actor, parsed.range, dataset);
  const csv = csvOf(dataset, rows);
  // A byte-order mark, so spreadsheet software reads the file as UTF-8.
  return new Response("\uFEFF" + toCsv(csv.rows, csv.columns), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${csvFileName(dataset, parsed.range)}"`,
      "cache-control": "no-store",
    },
  });
}

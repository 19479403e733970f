/**
 * `npm run bench:ui`: the calendar with 2,000 events in its month, in headless Chromium.
 *
 * Starts the app as users do (`npm start`, embedded database, demo workspace; the job runner
 * off so nothing moves), imports 2,000 posts for next month through the CSV API, then measures
 *  - page to interactive: navigation start → the month grid hydrated with its events and the
 *    main thread free to answer (FullCalendar renders in the browser only, so events on screen
 *    means the page is hydrated; the work queued behind them is waited for too);
 *  - drag-drop to persisted: the server round trip of the reschedule action (timed in the page
 *    around the call), and mouse-up → the board reports no save in flight.
 * Medians of RUNS (default 7) runs each, after one warm-up.
 */
import type { Page } from "@playwright/test";
import { launchChromium, startApp } from "../lib/app";

const RUNS = Math.max(5, Number(process.env.RUNS ?? 7));
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const PORT = Number(process.env.BENCH_PORT ?? 3197);
const PASSWORD = "bench-password-123";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, n=${xs.length})`;

function nextMonth(): { month: string; days: number } {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const days = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return { month: first.toISOString().slice(0, 7), days };
}

/** 2,000 rows over next month's days and working hours, on the demo's sandbox account. */
function csv(month: string, days: number): string {
  const rows = ["title,content,platforms,date,time,timezone,tags"];
  for (let i = 0; i < EVENTS; i++) {
    const day = String(1 + (i % days)).padStart(2, "0");
    const minutes = 8 * 60 + ((i * 7) % (11 * 60));
    const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    rows.push(`Bench post ${i},Body of bench post ${i},sandbox,${month}-${day},${time},UTC,bench`);
  }
  return rows.join("\n") + "\n";
}

async function signIn(page: Page) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("admin@example.com");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Overview" }).waitFor();
}

/**
 * Navigation start → the calendar's events are on screen (FullCalendar renders in the browser
 * only, so the page is hydrated) and the main thread is free again: a task queued once they
 * show runs only after the work already queued (the board's updates on opening), as a click would.
 */
async function loadOnce(page: Page, url: string): Promise<{ interactive: number; visible: number; events: number }> {
  await page.goto(url, { waitUntil: "commit" });
  // A string, not a function: the bench runs through a transpiler that would wrap named functions in a helper the page lacks.
  const v = (await page.evaluate(`new Promise((resolve, reject) => {
    const give = setTimeout(() => reject(new Error("no calendar events within 60 s")), 60000);
    const poll = () => {
      const n = document.querySelectorAll("[data-testid=calendar-event]").length;
      if (!n) return void requestAnimationFrame(poll);
      const visible = performance.now();
      setTimeout(() => {
        clearTimeout(give);
        resolve({ visible, free: performance.now(), n });
      }, 0);
    };
    poll();
  })`)) as { visible: number; free: number; n: number };
  return { interactive: v.free, visible: v.visible, events: v.n };
}

/** Drags a visible event of `fromDay` onto `toDay`; the time of mouse-up (page clock). */
async function dragGesture(page: Page, month: string, fromDay: string, toDay: string): Promise<number> {
  const event = page.locator(`[data-date="${month}-${fromDay}"] [data-testid=calendar-event]`).first();
  const target = page.locator(`[data-date="${month}-${toDay}"]`).last();
  const a = (await event.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 5, a.y + a.height / 2 + 5, { steps: 2 });
  await page.mouse.move(b.x + b.width / 2, b.y + 30, { steps: 8 });
  await page.getByTestId("calendar-board").evaluate((el) => el.setAttribute("data-last-save-ms", ""));
  const t0 = await page.evaluate(() => performance.now());
  await page.mouse.up();
  return t0;
}

/**
 * One drag-drop, timed from mouse-up to the board reporting the save done. A gesture the grid did
 * not take as a drag (the mouse moved before it was ready, on a busy machine) saves nothing: it is
 * made again, at most twice, and counted.
 */
async function dragOnce(page: Page, month: string, run: number): Promise<{ roundTrip: number; total: number; retries: number }> {
  // A visible event on day 3 or 4 (alternating), dropped on the other day.
  const [fromDay, toDay] = run % 2 === 0 ? ["03", "04"] : ["04", "03"];
  const board = page.getByTestId("calendar-board");
  const saveSeen = () =>
    page.waitForFunction(
      () => {
        const el = document.querySelector("[data-testid=calendar-board]")!;
        return el.getAttribute("data-last-save-ms") || el.getAttribute("data-pending-saves") !== "0" ? true : null;
      },
      undefined,
      { polling: "raf", timeout: 5_000 },
    );
  for (let retries = 0; ; retries++) {
    const t0 = await dragGesture(page, month, fromDay, toDay);
    try {
      await saveSeen();
    } catch (err) {
      if (retries >= 2) throw err;
      // A gesture taken as a click opens the post's dialog: close it first.
      await page.keyboard.press("Escape");
      continue;
    }
    const t1 = (await (
      await page.waitForFunction(
        () => {
          const el = document.querySelector("[data-testid=calendar-board]")!;
          return el.getAttribute("data-last-save-ms") && el.getAttribute("data-pending-saves") === "0" ? performance.now() : null;
        },
        undefined,
        { polling: "raf", timeout: 30_000 },
      )
    ).jsonValue()) as number;
    const roundTrip = Number(await board.getAttribute("data-last-save-ms"));
    const toast = page.getByTestId("toast").last();
    if (!/Moved/.test((await toast.textContent()) ?? "")) throw new Error(`the drop was not saved: ${await toast.textContent()}`);
    return { roundTrip, total: t1 - t0, retries };
  }
}

async function main() {
  const { base, stop } = await startApp({ port: PORT, password: PASSWORD, env: { JOBS_DRIVER: "off" } });
  const browser = await launchChromium();
  try {
    const { month, days } = nextMonth();
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: base });
    const page = await ctx.newPage();
    await signIn(page);
    const imported = await page.request.post("/api/v1/import/csv", {
      data: csv(month, days),
      headers: { "content-type": "text/csv", origin: base },
      timeout: 600_000,
    });
    const result = await imported.json();
    if (!imported.ok() || !result.committed) throw new Error(`import failed: ${JSON.stringify(result).slice(0, 400)}`);
    console.log(`imported ${result.created.schedules} schedules into ${month} (${days} days)`);
    const url = `/calendar?date=${month}-15&view=dayGridMonth`;

    await loadOnce(page, url); // warm-up: compiles nothing (production build) but fills caches
    const loads: number[] = [];
    const visible: number[] = [];
    let shown = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = await loadOnce(page, url);
      loads.push(r.interactive);
      visible.push(r.visible);
      shown = r.events;
    }
    const trips: number[] = [];
    const totals: number[] = [];
    let retries = (await dragOnce(page, month, 0)).retries;
    for (let i = 0; i < RUNS; i++) {
      const r = await dragOnce(page, month, i + 1);
      trips.push(r.roundTrip);
      totals.push(r.total);
      retries += r.retries;
    }
    console.log(`\nCalendar, month view, ${EVENTS} events in the month (${shown} chips on screen, the rest behind "+n more"), headless Chromium, 1280×900:`);
    console.log(`  page to interactive (navigation → events shown, main thread free): ${fmt(loads)}   target < 500 ms`);
    console.log(`    of which navigation → events first on screen:                   ${fmt(visible)}`);
    console.log(`  drag-drop server round trip (reschedule action):    ${fmt(trips)}   target < 100 ms`);
    console.log(`  drag-drop mouse-up → saved, as the page sees it:    ${fmt(totals)}`);
    console.log(`  drag gestures the grid did not take and were made again: ${retries}`);
    await ctx.close();
  } finally {
    await browser.close();
    stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

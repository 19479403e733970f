/** Posting slots as the API stores them: { timezone, slots: [{ days (0 = Sunday), times "HH:mm" }] }. */
export interface Slots {
  timezone: string;
  slots: { days: number[]; times: string[] }[];
}

export const WEEKDAYS = [
  { n: 1, short: "Mon", long: "Monday" },
  { n: 2, short: "Tue", long: "Tuesday" },
  { n: 3, short: "Wed", long: "Wednesday" },
  { n: 4, short: "Thu", long: "Thursday" },
  { n: 5, short: "Fri", long: "Friday" },
  { n: 6, short: "Sat", long: "Saturday" },
  { n: 0, short: "Sun", long: "Sunday" },
];

const short = (n: number) => WEEKDAYS.find((d) => d.n === n)?.short ?? String(n);
const order = (n: number) => (n + 6) % 7;

/** "Mon, Wed 09:00, 12:30 · Sat 10:00 (Europe/Berlin)", or null without slots. */
export function describeSlots(s: Slots | null): string | null {
  if (!s || !s.slots.length) return null;
  const parts = s.slots.map(
    (x) =>
      `${[...x.days]
        .sort((a, b) => order(a) - order(b))
        .map(short)
        .join(", ")} ${[...x.times].sort().join(", ")}`,
  );
  return `${parts.join(" · ")} (${s.timezone})`;
}

/** "9:00, 12:30 17:45" → ["09:00", "12:30", "17:45"]; what is not a time is kept for the server to refuse. */
export function readTimes(raw: string): string[] {
  return raw
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((t) => (/^\d:\d\d$/.test(t) ? `0${t}` : t));
}

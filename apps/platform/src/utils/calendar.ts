/** Month grids for the availability calendar, on "YYYY-MM-DD" strings (calendar days, no time zone). */

const DAY_MS = 86_400_000;
const toTime = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromTime = (time: number) => new Date(time).toISOString().slice(0, 10);

export const addDays = (date: string, days: number) => fromTime(toTime(date) + days * DAY_MS);

/** The same day `months` months on, kept within the target month (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number) {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromTime(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)));
}

export const monthOf = (date: string) => date.slice(0, 7);
/** Monday 0 … Sunday 6, as Chinese calendars start the week. */
export const weekdayOf = (date: string) => (new Date(toTime(date)).getUTCDay() + 6) % 7;

/** The weeks of the month holding `date`, Monday first; days outside the month are null. */
export function monthWeeks(date: string): Array<Array<string | null>> {
  const first = `${monthOf(date)}-01`;
  const days: Array<string | null> = Array.from({ length: weekdayOf(first) }, () => null);
  for (let day = first; monthOf(day) === monthOf(date); day = addDays(day, 1)) days.push(day);
  while (days.length % 7) days.push(null);
  return Array.from({ length: days.length / 7 }, (_, i) => days.slice(i * 7, i * 7 + 7));
}

export type DateRange = { startsOn: string; endsOn: string };
export const isWithin = (date: string, range: DateRange) => range.startsOn <= date && date <= range.endsOn;

/** Where a click on a day puts the chosen range: a new start, or the end after the start. */
export function pickDay(range: { startsOn: string; endsOn: string }, day: string) {
  if (!range.startsOn || range.endsOn || day < range.startsOn) return { startsOn: day, endsOn: '' };
  return { startsOn: range.startsOn, endsOn: day };
}

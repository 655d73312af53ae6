/** Booking date rules without zod, so the public site can use them in the browser too. */

/** How far ahead a base may ask for a resource: up to this many years from today (Beijing calendar). */
export const BOOKING_HORIZON_YEARS = 2;

/** The last day a booking may reach when today is `today` ("YYYY-MM-DD"): the same date two years on (29 Feb → 28 Feb). */
export function latestBookingDate(today: string) {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const target = year + BOOKING_HORIZON_YEARS;
  const lastOfMonth = new Date(Date.UTC(target, month, 0)).getUTCDate();
  return `${target}-${String(month).padStart(2, '0')}-${String(Math.min(day, lastOfMonth)).padStart(2, '0')}`;
}

/** Days a booking covers, both ends included ("YYYY-MM-DD" dates). */
export const bookingDays = (dates: { startsOn: string; endsOn: string }) =>
  Math.round((Date.parse(`${dates.endsOn}T00:00:00Z`) - Date.parse(`${dates.startsOn}T00:00:00Z`)) / 86_400_000) + 1;

/** Why these dates cannot be asked for today, in the user's words; null when they can. */
export function bookingDatesProblem(dates: { startsOn: string; endsOn: string }, today: string, maxDays?: number | null): string | null {
  if (dates.startsOn < today) return '开始日期不能早于今天';
  if (maxDays && bookingDays(dates) > maxDays) return `该资源每次最多借用 ${maxDays} 天，所选日期共 ${bookingDays(dates)} 天，请缩短借用期`;
  const latest = latestBookingDate(today);
  if (dates.endsOn > latest) return `只能预约 ${BOOKING_HORIZON_YEARS} 年内的日期，结束日期不能晚于 ${latest}`;
  return null;
}

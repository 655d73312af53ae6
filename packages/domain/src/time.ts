export const PROGRAMME_TIME_ZONE = 'Asia/Shanghai';

/** A deadline as people in Beijing read it, e.g. "2022年4月8日 23:59（北京时间）". */
export function formatBeijingDateTime(value: Date | string, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const date = typeof value === 'string' ? new Date(value) : value;
  const text = new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    timeZone: PROGRAMME_TIME_ZONE,
    year: 'numeric',
    month: locale === 'zh-CN' ? 'long' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
  return locale === 'zh-CN' ? `${text}（北京时间）` : `${text} (Beijing time)`;
}

/** The pickers' value format: a Beijing wall-clock time without a zone. */
export const WALL_CLOCK_FORMAT = 'YYYY-MM-DD HH:mm:ss';
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
// China has kept one offset, without daylight saving, since 1991.
const BEIJING_OFFSET_MS = 8 * 3600_000;

/** Any instant → its Beijing wall-clock time "YYYY-MM-DD HH:mm:ss"; '' when unreadable. */
export function toWallClock(value: Date | string): string {
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) return '';
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * "2027-04-08 23:59:59" typed in Beijing time → "2027-04-08T23:59:59+08:00", whatever the computer's
 * zone; null when it is not a real wall-clock time (2027-02-30 and 25:00 are refused, not rolled over).
 */
export function fromWallClock(value: string | null | undefined): string | null {
  const m = WALL_CLOCK.exec(value?.trim() ?? '');
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00'] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}+08:00`;
  return toWallClock(iso) === `${y}-${mo}-${d} ${h}:${mi}:${s}` ? iso : null;
}

/** Today's date in Beijing as YYYY-MM-DD: the programme's calendar day (naming, bookings, expiry). */
export function beijingToday(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: PROGRAMME_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

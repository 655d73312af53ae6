/**
 * Event times are typed as Beijing wall-clock times whatever the computer's time zone: the pickers
 * give "YYYY-MM-DD HH:mm:ss" without a zone, sent as +08:00 (China has no daylight saving).
 */
export const BEIJING_PICKER_FORMAT = 'YYYY-MM-DD HH:mm:ss';

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(?::(\d{2}))?$/;

/** "2026-06-13 09:30:00" (Beijing) → "2026-06-13T09:30:00+08:00"; '' when empty or not a wall-clock time. */
export function fromBeijingInput(value: string | null | undefined): string {
  const m = WALL_CLOCK.exec(value?.trim() ?? '');
  return m ? `${m[1]}T${m[2]}:${m[3] ?? '00'}+08:00` : '';
}

/** Any instant → its Beijing wall-clock time "YYYY-MM-DD HH:mm:ss", for the pickers. */
export function toBeijingInput(value: Date | string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(value));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

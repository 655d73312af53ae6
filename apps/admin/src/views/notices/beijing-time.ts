/**
 * The office types notice periods as Beijing wall-clock times whatever the computer's time zone:
 * the picker gives "YYYY-MM-DD HH:mm:ss", which we read as +08:00 (China has no daylight saving).
 */
export const fromBeijingInput = (value: string) => `${value.replace(' ', 'T')}+08:00`;

export function toBeijingInput(value: Date | string) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(value));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

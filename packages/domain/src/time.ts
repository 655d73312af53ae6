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

/** Addresses from the 2022 notice, kept out of the message files (an "@" there is i18n syntax). */
export const NOTICE_EMAIL = 'kxjjsjd_kxdx2022@163.com';
export const OFFICE_PHONE = '010-69246124';
export const BAST_PHONE = '010-84650077-8100';

/** A number as a phone dials it: "010-84650077-8100" → "tel:01084650077,8100" (the extension after a pause). */
export function telHref(phone: string) {
  const [area = '', number = '', extension] = phone.split('-');
  return `tel:${area}${number}${extension ? `,${extension}` : ''}`;
}

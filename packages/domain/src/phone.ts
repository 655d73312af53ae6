// Mainland mobile numbers, and Beijing landlines written as 010-XXXXXXXX with an optional extension.
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(?:0\d{2,3}-?)?[2-9]\d{6,7}(?:-\d{1,6})?$/;

const compact = (raw: string) => raw.replace(/[\s()（）]/g, '').replace(/^\+?86-?/, '');

export const isMobilePhone = (raw: string) => MOBILE.test(compact(raw));
export const isPhoneNumber = (raw: string) => {
  const value = compact(raw);
  return MOBILE.test(value) || LANDLINE.test(value);
};

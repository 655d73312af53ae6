import { ACCOUNT_FIELD_MESSAGES, PASSWORD_MESSAGES } from './accounts.ts';
import { ACTIVITY_CAMPAIGN_MESSAGES } from './activity-campaigns.ts';
import { RENEWAL_MESSAGES } from './base-term.ts';
import { AUTH_MESSAGES, GENERAL_MESSAGES } from './auth-messages.ts';
import { USCC_MESSAGES } from './uscc.ts';

/**
 * Every message a person may meet in another language than Chinese, by key. The Chinese text lives
 * in the domain constants it is made from; the apps hold each key's English (`serverMessages.<key>`).
 * The server sends the key with the message (`data.messageKey`), so a page translates the key and
 * rewording a Chinese text never loses its translation.
 */
export const MESSAGE_CATALOGUE = {
  invalidEmail: ACCOUNT_FIELD_MESSAGES.email,
  mobile: ACCOUNT_FIELD_MESSAGES.mobile,
  phone: ACCOUNT_FIELD_MESSAGES.phone,
  personName: ACCOUNT_FIELD_MESSAGES.personName,
  organizationName: ACCOUNT_FIELD_MESSAGES.organizationName,
  organizationType: ACCOUNT_FIELD_MESSAGES.organizationType,
  district: ACCOUNT_FIELD_MESSAGES.district,
  address: ACCOUNT_FIELD_MESSAGES.address,
  postcode: ACCOUNT_FIELD_MESSAGES.postcode,
  passwordRequired: ACCOUNT_FIELD_MESSAGES.password,
  passwordTooShort: PASSWORD_MESSAGES.short,
  passwordTooLong: PASSWORD_MESSAGES.long,
  passwordLettersAndDigits: PASSWORD_MESSAGES.mix,
  passwordRepeated: PASSWORD_MESSAGES.repeated,
  passwordSequence: PASSWORD_MESSAGES.sequence,
  passwordCommon: PASSWORD_MESSAGES.common,
  emailInPassword: PASSWORD_MESSAGES.email,
  usccLength: USCC_MESSAGES.length,
  usccCharacters: USCC_MESSAGES.characters,
  usccCheck: USCC_MESSAGES.check,
  ...AUTH_MESSAGES,
  ...GENERAL_MESSAGES,
  ...ACTIVITY_CAMPAIGN_MESSAGES,
  ...RENEWAL_MESSAGES,
} as const;
export type MessageKey = keyof typeof MESSAGE_CATALOGUE;

const KEY_OF_TEXT = new Map<string, MessageKey>(Object.entries(MESSAGE_CATALOGUE).map(([key, text]) => [text, key as MessageKey]));

/** The key of a catalogued message, for a message that arrived without one (a field's rule run in the page). */
export const messageKeyOf = (text: string): MessageKey | null => KEY_OF_TEXT.get(text) ?? null;

import { LOGIN_LOCKOUT_MINUTES, PASSWORD_MIN_LENGTH } from '@ssb/domain/accounts';
import { MESSAGE_CATALOGUE, messageKeyOf, type MessageKey } from '@ssb/domain/messages';

/**
 * The catalogue's keys (`@ssb/domain/messages`), each translated under `serverMessages.<key>` in the
 * shared locales. The server sends a message's key with it; a message made in the page by a shared rule
 * is looked up in the same catalogue, so the Chinese text and its key never part.
 */
export const SERVER_MESSAGE_KEYS = Object.keys(MESSAGE_CATALOGUE) as MessageKey[];

/** The key of a message: the one the server sent, else the catalogue's for its text. */
export const serverMessageKey = (text: string, sentKey?: string | null): MessageKey | null =>
  sentKey && sentKey in MESSAGE_CATALOGUE ? (sentKey as MessageKey) : messageKeyOf(text);

export const SERVER_MESSAGE_PARAMS = { minLength: PASSWORD_MIN_LENGTH, lockoutMinutes: LOGIN_LOCKOUT_MINUTES };

/** Given a catalogue key, its text in the interface language, or null to keep the Chinese. Set by `createAppI18n`. */
type Translator = (key: MessageKey) => string | null;
let translator: Translator = () => null;
export const setServerMessageTranslator = (next: Translator) => {
  translator = next;
};

/** A message from the server or a shared rule, in the interface language when the catalogue knows it. */
export function translateServerMessage(text: string, sentKey?: string | null): string {
  const key = serverMessageKey(text, sentKey);
  return (key && translator(key)) || text;
}

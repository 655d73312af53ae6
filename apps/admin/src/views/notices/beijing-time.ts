import { fromWallClock, toWallClock } from '@ssb/domain/time';

/**
 * The office types notice periods as Beijing wall-clock times whatever the computer's time zone:
 * the picker gives "YYYY-MM-DD HH:mm:ss", sent as +08:00.
 */
export const fromBeijingInput = (value: string) => fromWallClock(value) ?? '';
export const toBeijingInput = (value: Date | string) => toWallClock(value);

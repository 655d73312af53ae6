import { fromWallClock, toWallClock, WALL_CLOCK_FORMAT } from '@ssb/domain/time';

/**
 * Event times are typed as Beijing wall-clock times whatever the computer's time zone: the pickers
 * give "YYYY-MM-DD HH:mm:ss" without a zone, sent as +08:00.
 */
export const BEIJING_PICKER_FORMAT = WALL_CLOCK_FORMAT;

/** "2026-06-13 09:30:00" (Beijing) → "2026-06-13T09:30:00+08:00"; '' when empty or not a wall-clock time. */
export const fromBeijingInput = (value: string | null | undefined): string => fromWallClock(value) ?? '';

/** Any instant → its Beijing wall-clock time "YYYY-MM-DD HH:mm:ss", for the pickers. */
export const toBeijingInput = (value: Date | string): string => toWallClock(value);

import { describe, expect, it } from 'vitest';
import { fromBeijingInput, toBeijingInput } from './beijing-time.ts';

describe('Beijing wall-clock times of the event pickers', () => {
  it('sends what was picked as +08:00, whatever the computer’s zone', () => {
    expect(fromBeijingInput('2026-06-13 09:30:00')).toBe('2026-06-13T09:30:00+08:00');
    expect(fromBeijingInput('2026-06-13 09:30')).toBe('2026-06-13T09:30:00+08:00');
    expect(fromBeijingInput('')).toBe('');
    expect(fromBeijingInput(null)).toBe('');
    expect(fromBeijingInput('下周六')).toBe('');
  });

  it('shows a stored instant on Beijing’s clock', () => {
    expect(toBeijingInput('2026-06-13T01:30:00Z')).toBe('2026-06-13 09:30:00');
    expect(toBeijingInput('2026-06-13T23:30:00-05:00')).toBe('2026-06-14 12:30:00');
    expect(toBeijingInput(fromBeijingInput('2026-12-31 23:59:00'))).toBe('2026-12-31 23:59:00');
  });
});

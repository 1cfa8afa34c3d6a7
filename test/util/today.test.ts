// --today decides every date rule: a date the calendar does not have must never be used.
import { describe, expect, it } from 'vitest';
import { resolveToday } from '../../src/util/today.js';

describe('--today', () => {
  it('takes a real date as given', () => {
    expect(resolveToday('2026-02-28')).toBe('2026-02-28');
    expect(resolveToday('2028-02-29')).toBe('2028-02-29');
  });

  it('refuses a date of the right shape that does not exist, rather than rolling it over', () => {
    expect(() => resolveToday('2026-02-30')).toThrow('--today: expected a date that exists on the calendar, got "2026-02-30"');
    expect(() => resolveToday('2026-99-99')).toThrow('--today: expected a date as YYYY-MM-DD, got "2026-99-99"');
    expect(() => resolveToday('1/2/2026')).toThrow('--today: expected a date as YYYY-MM-DD, got "1/2/2026"');
  });
});

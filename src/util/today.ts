import { UsageError } from './errors.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Today as YYYY-MM-DD (UTC), or the date given with --today, validated. */
export function resolveToday(given?: string): string {
  if (given === undefined) return new Date().toISOString().slice(0, 10);
  if (!ISO_DATE.test(given) || Number.isNaN(Date.parse(`${given}T00:00:00Z`))) {
    throw new UsageError(`--today: expected a date as YYYY-MM-DD, got "${given}"`);
  }
  // Date.parse accepts 2026-02-30 as March 2nd; a date the calendar does not have is a mistake.
  if (new Date(`${given}T00:00:00Z`).toISOString().slice(0, 10) !== given) {
    throw new UsageError(`--today: expected a date that exists on the calendar, got "${given}"`);
  }
  return given;
}

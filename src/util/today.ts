import { UsageError } from './errors.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Today as YYYY-MM-DD (UTC), or the date given with --today, validated. */
export function resolveToday(given?: string): string {
  if (given === undefined) return new Date().toISOString().slice(0, 10);
  if (!ISO_DATE.test(given) || Number.isNaN(Date.parse(`${given}T00:00:00Z`))) {
    throw new UsageError(`--today: expected a date as YYYY-MM-DD, got "${given}"`);
  }
  return given;
}

/**
 * Dates relative to the day the tests run, so waiver expiries in tests never turn into time
 * bombs (a fixed '2027-06-30' would start failing on 2027-07-01).
 */

/** The UTC day `days` from now (negative for the past), written YYYY-MM-DD. */
export function daysFromNow(days: number, now: Date = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
  return d.toISOString().slice(0, 10);
}

/** An expiry a waiver in a test can carry: 90 days ahead, well inside the 12-month limit. */
export const SOON = daysFromNow(90);

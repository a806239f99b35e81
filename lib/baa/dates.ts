/** Calendar days (YYYY-MM-DD) of the BAA register, judged in UTC like waiver expiry dates. */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a string is a real calendar day written YYYY-MM-DD (2026-02-31 is not). */
export function isDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** The UTC day of a time, YYYY-MM-DD. */
export function dayOf(now: Date): string {
  const t = now.getTime();
  if (t !== lastTime) {
    lastTime = t;
    lastDay = now.toISOString().slice(0, 10);
  }
  return lastDay;
}

// The last day asked for: a check asks for the same `now` thousands of times.
let lastTime = NaN;
let lastDay = '';

/** Whether the last valid day `last` is over at `today` (both YYYY-MM-DD): the day after it has begun. */
export function isPast(last: string, today: string): boolean {
  return today > last;
}

import { daysUntil, EXPIRY_WARNING_DAYS, FindingState } from './context';
import { html, Html } from './escape';

/** A CSS class for a status word (`FAIL` -> `st-fail`, `PASS (waivers)` -> `st-pass-waivers`); any status string works. */
export function statusClass(word: string): string {
  return 'st-' + word.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** A status shown in words and in colour (the colour only repeats the word). */
export function status(word: string): Html {
  return html`<span class="status ${statusClass(word)}">${word}</span>`;
}

/** The badge of each finding state, made once (a report writes one per finding). */
const STATE_BADGE: Record<FindingState, Html> = { new: status('NEW'), baselined: status('BASELINED'), waived: status('WAIVED') };

/** A finding's state in words. */
export function stateBadge(state: FindingState): Html {
  return STATE_BADGE[state];
}

/**
 * A date that ends something (a waiver, a baseline, a BAA): with `now` given, one that has passed or
 * lies within {@link EXPIRY_WARNING_DAYS} days is marked in words and colour; without `now` (the report
 * carries no time) it is printed as is.
 */
export function expiry(date: string | undefined, now: Date | undefined, none: string = '—'): Html {
  if (!date) return html`${none}`;
  if (!now) return html`<time datetime="${date}">${date}</time>`;
  const days = daysUntil(date, now);
  if (days === undefined) return html`${date}`;
  if (days < 0) return html`<time datetime="${date}" class="due past">${date}</time> <strong class="due past">(EXPIRED ${days === -1 ? '1 day' : `${-days} days`} ago)</strong>`;
  if (days <= EXPIRY_WARNING_DAYS) {
    const when = days === 0 ? 'today' : days === 1 ? 'in 1 day' : `in ${days} days`;
    return html`<time datetime="${date}" class="due soon">${date}</time> <strong class="due soon">(expires ${when})</strong>`;
  }
  return html`<time datetime="${date}">${date}</time>`;
}

/** Text in a `<code>` element. */
export function code(text: string): Html {
  return html`<code>${text}</code>`;
}

/** `yes` or `no`. */
export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

/** A `<th scope="col">` row. */
export function headRow(...titles: string[]): Html {
  return html`<tr>${titles.map((t) => html`<th scope="col">${t}</th>`)}</tr>`;
}

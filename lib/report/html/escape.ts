/**
 * The one way the HTML report writes text: a tagged template that escapes every interpolation.
 * Only {@link Html} values (made by the template itself or by {@link trusted}) pass unescaped, so a
 * `<script>` in a message, an object name or a waiver reason is always text.
 */

/** A piece of HTML that is already safe to write. */
export class Html {
  /** The markup. */
  public constructor(public readonly text: string) {}

  /** The markup itself. */
  public toString(): string {
    return this.text;
  }
}

/** What a template may interpolate: text (escaped), numbers, safe HTML, lists of these, or nothing. */
export type Interpolation = Html | string | number | undefined | null | false | readonly Interpolation[];

const SPECIAL = /[&<>"']/;
const SPECIAL_ALL = /[&<>"']/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text escaped for an element's content or a quoted attribute value. */
export function escapeText(text: string): string {
  // Most text has nothing to escape: test first, replace only then.
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ENTITY[c]) : text;
}

function textOf(value: Interpolation): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof Html) return value.text;
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number') return String(value);
  let out = '';
  for (const v of value) out += textOf(v);
  return out;
}

/** `html\`<td>${text}</td>\``: the template's literal parts as written, every value escaped. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  // Concatenated, not joined: V8 keeps a concatenation of large pieces as a rope and copies the
  // characters once, when the document is written (measured: joining at every level of nesting
  // copied the findings section four times).
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += textOf(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Joins pieces into one (values escaped as in {@link html}). */
export function join(values: readonly Interpolation[], separator: string = ''): Html {
  const sep = escapeText(separator);
  let out = '';
  for (let i = 0; i < values.length; i++) out += (i > 0 ? sep : '') + textOf(values[i]);
  return new Html(out);
}

/**
 * Markup made by this library's own code that is already safe (the style sheet, a diagram from
 * lib/flows/render-svg, the embedded JSON after {@link scriptJson}). Never for input text.
 */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/**
 * JSON text safe inside `<script type="application/json">`: `<` is written as `\u003c`, so no `</script`
 * or `<!--` can end or change the element; JSON.parse gives the same value back.
 */
export function scriptJson(json: string): Html {
  return new Html(json.includes('<') ? json.split('<').join('\\u003c') : json);
}

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

function append(out: string[], value: Interpolation): void {
  if (value === undefined || value === null || value === false) return;
  if (value instanceof Html) out.push(value.text);
  else if (typeof value === 'string') out.push(escapeText(value));
  else if (typeof value === 'number') out.push(String(value));
  else for (const v of value) append(out, v);
}

/** `html\`<td>${text}</td>\``: the template's literal parts as written, every value escaped. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  const out: string[] = [strings[0]];
  for (let i = 0; i < values.length; i++) {
    append(out, values[i]);
    out.push(strings[i + 1]);
  }
  return new Html(out.join(''));
}

/** Joins pieces into one (values escaped as in {@link html}). */
export function join(values: readonly Interpolation[], separator: string = ''): Html {
  const out: string[] = [];
  for (let i = 0; i < values.length; i++) {
    if (i > 0 && separator) out.push(escapeText(separator));
    append(out, values[i]);
  }
  return new Html(out.join(''));
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
  return new Html(json.replace(/</g, '\\u003c'));
}

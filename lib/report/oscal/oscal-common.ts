/** The OSCAL version hipaa-constructs writes (and its tests validate against). */
export const OSCAL_VERSION = '1.2.1';

/** Namespace of the properties hipaa-constructs defines (`hipaa-citation`, `hipaa-status`, ...). */
export const HIPAA_CONSTRUCTS_NS = 'https://github.com/hipaa-constructs/hipaa-constructs/ns/oscal';

/** Namespace of compliance-trestle's rule properties (`Rule_Id`, `Check_Id`), which GRC tools that follow trestle read. */
export const TRESTLE_NS = 'https://oscal-compass.github.io/compliance-trestle/schemas/oscal';

/** NIST's OSCAL SP 800-53 Rev. 5 catalogue, the source of every control id written. */
export const NIST_80053_R5_CATALOG =
  'https://raw.githubusercontent.com/usnistgov/oscal-content/main/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_catalog.json';

/** The library's home page, for links. */
export const HOMEPAGE = 'https://github.com/hipaa-constructs/hipaa-constructs';

/** An OSCAL property. */
export interface OscalProp {
  /** Property name (a token). */
  readonly name: string;
  /** Property value (no leading or trailing whitespace). */
  readonly value: string;
  /** Namespace of the name. @default - NIST's */
  readonly ns?: string;
  /** Class of the property (a token). @default - none */
  readonly class?: string;
  /** Remarks. @default - none */
  readonly remarks?: string;
}

/** A property in hipaa-constructs' namespace. */
export function prop(name: string, value: string, extra: { class?: string; remarks?: string } = {}): OscalProp {
  return { name, ns: HIPAA_CONSTRUCTS_NS, value: oscalString(value), ...extra };
}

/** A compliance-trestle property (`Rule_Id`, `Check_Id`, ...), grouped by `remarks` (`rule_set_0`, ...). */
export function trestleProp(name: string, value: string, ruleSet: string): OscalProp {
  return { name, ns: TRESTLE_NS, value: oscalString(value), remarks: ruleSet };
}

/**
 * Text as an OSCAL string: no leading or trailing whitespace (the schema's `^\S(.*\S)?$`), line breaks
 * as spaces, never empty. For single-line markup (titles) too.
 */
export function oscalString(text: string, fallback = '-'): string {
  if (isClean(text) && !LINE_BREAKS.test(text)) return text;
  const t = text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').trim();
  return t === '' ? fallback : t;
}

/** Text as OSCAL multi-line markup: trimmed, never empty. */
export function oscalMarkup(text: string, fallback = '-'): string {
  if (isClean(text)) return text;
  const t = text.trim();
  return t === '' ? fallback : t;
}

const LINE_BREAKS = /[\r\n\t\u2028\u2029]/;
const SPACE = /\s/;

/** Non-empty, and neither starts nor ends with whitespace (the common case, told without rewriting the string). */
function isClean(text: string): boolean {
  return text.length > 0 && notSpace(text.charCodeAt(0)) && notSpace(text.charCodeAt(text.length - 1));
}

/** Not a character `\s` matches: ASCII told by code, the rest (U+00A0, U+2028, U+3000, ...) by the regex. */
function notSpace(code: number): boolean {
  if (code < 128) return code > 32;
  return !SPACE.test(String.fromCharCode(code));
}

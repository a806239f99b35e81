/**
 * Kubernetes resource quantities (`500m`, `1.5Gi`, `2e3`, `128974848`), read the way the API
 * server's `resource.ParseQuantity` reads them. One parser for the rules and the constructs, so
 * a quantity the constructs accept is one `hipaa-check` accepts, and the reverse.
 */

/** `<sign><number><suffix>`: a decimal number, then a binary (Ki..Ei), decimal (n..E) or exponent suffix. */
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const EXPONENT = /^[eE][+-]?\d+$/;

const SUFFIX: Readonly<Record<string, number>> = {
  'Ki': 2 ** 10,
  'Mi': 2 ** 20,
  'Gi': 2 ** 30,
  'Ti': 2 ** 40,
  'Pi': 2 ** 50,
  'Ei': 2 ** 60,
  'n': 1e-9,
  'u': 1e-6,
  'm': 1e-3,
  '': 1,
  'k': 1e3,
  'M': 1e6,
  'G': 1e9,
  'T': 1e12,
  'P': 1e15,
  'E': 1e18,
};

/** What a quantity is written as: the text of a manifest, or a bare number (YAML `cpu: 1`). */
export type QuantityInput = string | number;

/**
 * The value of a quantity in base units (cores, bytes), or undefined when the API server would
 * refuse it ("quantities must match the regular expression ..."). A bare finite number is a
 * quantity too, as the API server accepts `cpu: 1` in YAML.
 */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  // Manifests repeat a handful of quantities ('100m', '128Mi') thousands of times.
  const cached = parsed.get(value);
  if (cached !== undefined) return cached ?? undefined;
  const n = parse(value);
  if (parsed.size >= MAX_CACHED) parsed.clear();
  parsed.set(value, n ?? null);
  return n;
}

const parsed = new Map<string, number | null>();
const MAX_CACHED = 4096;

function parse(value: string): number | undefined {
  const m = QUANTITY.exec(value);
  if (!m) return undefined;
  const [, sign, digits, suffix = ''] = m;
  const scale = EXPONENT.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX[suffix];
  const n = Number(digits) * scale;
  if (!Number.isFinite(n)) return undefined;
  return sign === '-' ? -n : n;
}

/**
 * Why `value` is not a quantity the API server accepts, in words naming the value; undefined
 * when it is one. `nonNegative` also refuses values below zero (requests, limits, quotas).
 */
export function quantityProblem(value: unknown, nonNegative = true): string | undefined {
  const n = parseQuantity(value);
  if (n === undefined) {
    return `${show(value)} is not a Kubernetes quantity (a number with an optional suffix, e.g. 500m, 0.5, 128Mi, 1Gi)`;
  }
  if (nonNegative && n < 0) return `${show(value)} is negative; it must be 0 or more`;
  return undefined;
}

/** How a resource's limit compares with its request, when both parse: the problem, or undefined. */
export function limitBelowRequest(resource: string, request: unknown, limit: unknown): string | undefined {
  const r = parseQuantity(request);
  const l = parseQuantity(limit);
  if (r === undefined || l === undefined || l >= r) return undefined;
  return `${resource} limit ${JSON.stringify(limit)} is below its request ${JSON.stringify(request)}; the API server refuses a request above the limit`;
}

/** A value for messages as JSON would write it; never throws (bigint, cycles, undefined). */
export function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

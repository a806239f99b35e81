/**
 * Label and annotation keys and label values as the API server validates them
 * (apimachinery `ValidateLabels`, `ValidateAnnotations`).
 */

import { show } from './quantity';

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const VALUE_WORDS = "at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit";

/** Why `key` cannot be a label or annotation key, or undefined when it can: `[prefix/]name`. */
export function labelKeyProblem(key: string): string | undefined {
  if (validKeys.has(key)) return undefined;
  const problem = keyProblem(key);
  if (!problem) remember(validKeys, key);
  return problem;
}

/** Keys and values seen valid (manifests repeat them): a bounded cache. */
const validKeys = new Set<string>();
const validValues = new Set<string>();

function remember(set: Set<string>, value: string): void {
  if (set.size >= 4096) set.clear();
  set.add(value);
}

function keyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !PREFIX.test(prefix))) {
    return `key '${key}' has an invalid prefix '${prefix}': it must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.') of at most 253 characters`;
  }
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    return `key '${key}' has an invalid name part '${name}': use ${VALUE_WORDS}`;
  }
  return undefined;
}

/** Why `value` cannot be a label value, or undefined when it can (the empty string can). */
export function labelValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `value ${show(value)} is not a string`;
  if (value === '' || validValues.has(value)) return undefined;
  if (value.length > 63) return `value '${value}' is ${value.length} characters long; a label value must be at most 63`;
  if (!NAME.test(value)) return `value '${value}' is not a valid label value: use ${VALUE_WORDS}`;
  remember(validValues, value);
  return undefined;
}

/** A valid label value close to `value` (for fixes): invalid characters become '_', at most 63 characters. */
export function suggestLabelValue(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

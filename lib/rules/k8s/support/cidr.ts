/**
 * CIDR blocks (`10.0.0.0/8`, `2001:db8::/32`) as the Kubernetes API server and AWS accept them.
 * Shared by the NetworkPolicy rules, the constructs' props checks and the Pulumi components; it
 * imports nothing of the rules, so the entry points can load it alone. Not a rule itself.
 */
import { isIP } from 'net';

/** A CIDR block as written in an ipBlock. */
export interface Cidr {
  /** 4 or 6. */
  readonly family: 4 | 6;
  /** Prefix length: 0 means every address of the family. */
  readonly prefix: number;
  /** The block as written. */
  readonly text: string;
}

/** Parses `10.0.0.0/8` or `2001:db8::/32`; undefined for anything the API server would reject. */
export function parseCidr(value: unknown): Cidr | undefined {
  if (typeof value !== 'string') return undefined;
  const slash = value.indexOf('/');
  if (slash < 0) return undefined;
  const bits = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return undefined;
  const prefix = Number(bits);
  const family = isIP(value.slice(0, slash));
  if (family === 4 && prefix <= 32) return { family, prefix, text: value };
  if (family === 6 && prefix <= 128) return { family, prefix, text: value };
  return undefined;
}


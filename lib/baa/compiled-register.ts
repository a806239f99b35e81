/**
 * A BAA register with its patterns compiled once (per register object), so resolving thousands of
 * destinations parses no CIDR or pattern twice.
 */
import type { BaaRegister, Vendor } from './baa-register';
import { Cidr, parseCidr } from './cidr';
import { compileGlobPattern, GlobPattern } from './glob-pattern';
import { compileHostPattern, HostPattern } from './host-pattern';
import { compileRegistryPattern, RegistryPattern } from '../rules/k8s/workload/image-reference';

/** A vendor with its matchers compiled. */
export interface CompiledVendor {
  /** The vendor as the register holds it. */
  readonly vendor: Vendor;
  /** IP blocks. */
  readonly cidrs: readonly Cidr[];
  /** Host patterns. */
  readonly hosts: readonly HostPattern[];
  /** Registry patterns. */
  readonly registries: readonly RegistryPattern[];
  /** Bucket patterns. */
  readonly buckets: readonly GlobPattern[];
  /** Log destination patterns. */
  readonly logDestinations: readonly GlobPattern[];
  /** Secret store patterns. */
  readonly secretStores: readonly GlobPattern[];
  /** Account ids. */
  readonly accounts: ReadonlySet<string>;
}

/** The register, compiled. */
export interface CompiledRegister {
  /** The vendors, in file order. */
  readonly vendors: readonly CompiledVendor[];
  /** The organisation's own IP blocks. */
  readonly internalCidrs: readonly Cidr[];
  /** The organisation's own host patterns. */
  readonly internalHosts: readonly HostPattern[];
}

const cache = new WeakMap<BaaRegister, CompiledRegister>();

/** The register compiled (once per register object). Throws on a pattern the reader would have refused. */
export function compileRegister(register: BaaRegister): CompiledRegister {
  let compiled = cache.get(register);
  if (compiled === undefined) {
    compiled = {
      vendors: register.vendors.map((vendor) => ({
        vendor,
        cidrs: (vendor.match.cidrs ?? []).map((c) => must(parseCidr(c), c, vendor.id)),
        hosts: (vendor.match.hosts ?? []).map((h) => must(compileHostPattern(h), h, vendor.id)),
        registries: (vendor.match.registries ?? []).map(compileRegistryPattern),
        buckets: (vendor.match.buckets ?? []).map((b) => must(compileGlobPattern(b), b, vendor.id)),
        logDestinations: (vendor.match.logDestinations ?? []).map((b) => must(compileGlobPattern(b), b, vendor.id)),
        secretStores: (vendor.match.secretStores ?? []).map((b) => must(compileGlobPattern(b), b, vendor.id)),
        accounts: new Set(vendor.match.accounts ?? []),
      })),
      internalCidrs: register.internal.cidrs.map((c) => must(parseCidr(c), c, 'internal')),
      internalHosts: register.internal.hosts.map((h) => must(compileHostPattern(h), h, 'internal')),
    };
    cache.set(register, compiled);
  }
  return compiled;
}

function must<T>(value: T | string, source: string, where: string): T {
  if (typeof value === 'string') throw new Error(`BAA register entry ${JSON.stringify(source)} of ${where} is not valid: ${value}`);
  return value;
}

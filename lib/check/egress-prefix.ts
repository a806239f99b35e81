/**
 * How wide a CIDR a PHI workload may send traffic to (rule k8s-phi-open-egress): the shortest
 * prefix length an egress `ipBlock` may have, per address family. A shorter prefix is a wider
 * block (`10.0.0.0/8` is wider than `10.20.0.0/16`).
 *
 * Defaults, and why: IPv4 /16 is the largest network one cloud VPC can have (AWS caps a VPC
 * CIDR block at /16; Azure VNets and GCP subnets are planned the same way), so a block wider
 * than /16 always spans more than one network: a whole RFC 1918 range, a corporate WAN, or a
 * slice of the internet. Databases, caches and partner endpoints live in a VPC, a subnet group
 * (/20 to /24) or at single addresses, all of which fit. IPv6 /48 is the same boundary for IPv6:
 * the block one site or one cloud network gets (RIRs assign /48 per site, GCP gives each VPC a
 * /48, Azure VNets are at most /48, an AWS VPC is a /56 inside it); wider blocks are whole
 * organisations or providers. A team that wants a tighter fence sets e.g. `{ ipv4: 24, ipv6: 64 }`.
 */
export interface EgressPrefixLimits {
  /** Shortest prefix length of an IPv4 egress CIDR (0 to 32). @default 16 */
  readonly ipv4?: number;
  /** Shortest prefix length of an IPv6 egress CIDR (0 to 128). @default 48 */
  readonly ipv6?: number;
}

/** Limits with both families filled in. */
export interface ResolvedEgressPrefixLimits {
  /** Shortest prefix length of an IPv4 egress CIDR. */
  readonly ipv4: number;
  /** Shortest prefix length of an IPv6 egress CIDR. */
  readonly ipv6: number;
}

/** The default limits: IPv4 /16, IPv6 /48 (see {@link EgressPrefixLimits}). */
export const DEFAULT_MIN_EGRESS_PREFIX: ResolvedEgressPrefixLimits = Object.freeze({ ipv4: 16, ipv6: 48 });

/**
 * Fills in defaults and refuses values the rule could not use, throwing one Error that names
 * each bad field (`minEgressPrefix.ipv4: ...`).
 */
export function resolveMinEgressPrefix(limits?: EgressPrefixLimits): ResolvedEgressPrefixLimits {
  if (limits === undefined || limits === null) return DEFAULT_MIN_EGRESS_PREFIX;
  if (typeof limits !== 'object' || Array.isArray(limits)) {
    throw new Error(`minEgressPrefix: must be an object such as { ipv4: 16, ipv6: 48 } (got ${JSON.stringify(limits)})`);
  }
  const problems: string[] = [];
  const known = new Set(['ipv4', 'ipv6']);
  for (const key of Object.keys(limits)) {
    if (!known.has(key)) problems.push(`minEgressPrefix.${key}: unknown field; use ipv4 and/or ipv6`);
  }
  const value = (family: 'ipv4' | 'ipv6', max: number): number => {
    const v = limits[family];
    if (v === undefined) return DEFAULT_MIN_EGRESS_PREFIX[family];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
      problems.push(`minEgressPrefix.${family}: must be a whole number from 0 to ${max} (a prefix length, e.g. ${DEFAULT_MIN_EGRESS_PREFIX[family]}), got ${JSON.stringify(v)}`);
    }
    return v as number;
  };
  const resolved = { ipv4: value('ipv4', 32), ipv6: value('ipv6', 128) };
  if (problems.length > 0) throw new Error(problems.join('; '));
  return resolved;
}

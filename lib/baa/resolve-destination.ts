import { eligibleServices } from './aws-hipaa-eligible-services';
import type { BaaRegister, Vendor } from './baa-register';
import { Cidr, cidrContains, parseCidr } from './cidr';
import { CompiledRegister, CompiledVendor, compileRegister } from './compiled-register';
import { dayOf, isPast } from './dates';
import { GlobPattern, globMatches } from './glob-pattern';
import { hostPatternMatches, normalizeHost } from './host-pattern';
import type { Destination, VendorMatch } from '../flows/flow-graph';
import { ImageReference, registryPatternMatches } from '../rules/k8s/workload/image-reference';

/**
 * What the register says about an external destination, judged at `now` (BAA expiry, review date,
 * eligible services):
 *
 * - `internal` when it lies in the organisation's own network: a CIDR wholly inside an internal
 *   CIDR, a host (or a URL's host) matching an internal host pattern;
 * - else the vendors that match it (a CIDR wholly inside a vendor CIDR, a host matching a host
 *   pattern, `*` being one DNS label, a registry as allowedRegistries match it, a bucket, log
 *   destination or secret store matching a pattern, a destination of the vendor's `provider`);
 *   a vendor that lists `accounts` matches a destination naming another account only to say so
 *   (`no-baa`). The first matching vendor whose BAA covers the destination wins; when none does,
 *   the first matching vendor (in file order) says why;
 * - `unregistered` when no vendor matches (fail closed: the rules report it).
 *
 * A matching vendor's BAA covers when its status is `signed` and `expires` (its last valid day) has
 * not passed; `terminated` or past `expires` is `expired`; `none` and `pending` are `no-baa`. For a
 * vendor with a `provider`, a destination naming a `service` must name one of the vendor's
 * `services` that is on the provider's shipped HIPAA-eligible list, else `not-eligible`. A past
 * `reviewBy` does not change the status (rule baa-register-stale reports it) but shows in the reason.
 */
export function resolveDestination(register: BaaRegister, destination: Destination, now: Date): VendorMatch {
  const compiled = compileRegister(register);
  const d = prepare(destination);
  const internal = internalReason(compiled, d);
  if (internal !== undefined) return { status: 'internal', reason: internal };
  const today = dayOf(now);
  let first: VendorMatch | undefined;
  for (const v of compiled.vendors) {
    const how = vendorMatches(v, d);
    if (how === undefined) continue;
    const match = judge(v.vendor, how, d, today);
    if (match.status === 'covered') return match;
    if (first === undefined) first = match;
  }
  return first ?? { status: 'unregistered', reason: `no vendor of the BAA register matches ${describeDestination(destination)}` };
}

/** How a destination is named, for reasons and messages: `registry docker.io/library/nginx`, `host api.stripe.com`. */
export function describeDestination(destination: Destination): string {
  const what = destination.type === 'cidr' ? 'IP block' : destination.type === 'log-destination' ? 'log destination' : destination.type === 'secret-store' ? 'secret store' : destination.type;
  return `${what} ${destination.value}`;
}

/** The name a report gives a vendor. */
export function vendorName(vendor: Vendor): string {
  return vendor.name ?? vendor.id;
}

/** A destination, parsed once for all vendors. */
interface Prepared {
  readonly destination: Destination;
  /** The block of a CIDR destination (or of a host that is an IP address). */
  readonly cidr?: Cidr;
  /** The host of a host destination, or of a URL-valued destination. */
  readonly host?: string;
  /** The registry (host and repository) of a registry destination. */
  readonly image?: Pick<ImageReference, 'registry' | 'repository'>;
  /** A bucket destination's name (without `s3://` and path). */
  readonly bucket?: string;
  /** The account, as the destination names it or its ECR host says. */
  readonly account?: string;
  /** The value, trimmed. */
  readonly value: string;
}

const ECR_HOST = /^(\d{12})\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

function prepare(destination: Destination): Prepared {
  const value = destination.value.trim();
  let cidr: Cidr | undefined;
  let host: string | undefined;
  let image: Prepared['image'];
  let bucket: string | undefined;
  let account = destination.account;
  switch (destination.type) {
    case 'cidr': {
      const parsed = parseCidr(value, true);
      if (typeof parsed !== 'string') cidr = parsed;
      break;
    }
    case 'host': {
      host = normalizeHost(value);
      const parsed = parseCidr(host);
      if (typeof parsed !== 'string') cidr = parsed;
      break;
    }
    case 'registry': {
      const slash = value.indexOf('/');
      let registry = (slash < 0 ? value : value.slice(0, slash)).toLowerCase();
      if (registry === 'index.docker.io') registry = 'docker.io';
      image = { registry, repository: slash < 0 ? '' : value.slice(slash + 1).replace(/^\/+|\/+$/g, '') };
      host = normalizeHost(registry);
      const ecr = ECR_HOST.exec(host);
      if (account === undefined && ecr) account = ecr[1];
      break;
    }
    case 'bucket': {
      const scheme = value.indexOf('://');
      const rest = scheme < 0 ? value : value.slice(scheme + 3);
      const slash = rest.indexOf('/');
      bucket = slash < 0 ? rest : rest.slice(0, slash);
      break;
    }
    default:
      host = urlHost(value);
  }
  return { destination, cidr, host, image, bucket, account, value };
}

/** A value that starts with a host name (`logging.googleapis.com`, `secretmanager.googleapis.com/project`). */
const BARE_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/|$)/i;

/** The host of a URL found in a value (`vault:https://vault.example.com/v1` -> `vault.example.com`), or of a value that starts with one. */
function urlHost(value: string): string | undefined {
  const scheme = value.indexOf('://');
  if (scheme < 0) return BARE_HOST.test(value) ? normalizeHost(value.split('/')[0]) : undefined;
  const rest = value.slice(scheme + 3);
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const at = authority.lastIndexOf('@');
  return normalizeHost(at < 0 ? authority : authority.slice(at + 1));
}

function internalReason(register: CompiledRegister, d: Prepared): string | undefined {
  if (d.cidr !== undefined) {
    for (const c of register.internalCidrs) if (cidrContains(c, d.cidr)) return `internal: inside ${c.source}`;
  }
  if (d.host !== undefined) {
    for (const h of register.internalHosts) if (hostPatternMatches(h, d.host)) return `internal: host matches ${h.source}`;
  }
  return undefined;
}

/** What made a vendor match: the matcher, and whether the destination's account is outside the vendor's accounts. */
interface HowMatched {
  readonly by: string;
  readonly foreignAccount?: string;
}

function vendorMatches(v: CompiledVendor, d: Prepared): HowMatched | undefined {
  const by = matchedBy(v, d);
  if (by === undefined) return undefined;
  if (d.account !== undefined && v.accounts.size > 0 && !v.accounts.has(d.account)) return { by, foreignAccount: d.account };
  return { by };
}

function matchedBy(v: CompiledVendor, d: Prepared): string | undefined {
  const dest = d.destination;
  if (d.account !== undefined && v.accounts.has(d.account)) return `account ${d.account}`;
  if (v.vendor.provider !== undefined && dest.provider === v.vendor.provider) return `provider ${dest.provider}`;
  if (d.cidr !== undefined) {
    const cidrs = v.cidrs;
    for (let i = 0; i < cidrs.length; i++) if (cidrContains(cidrs[i], d.cidr)) return `inside ${cidrs[i].source}`;
  }
  if (d.image !== undefined) {
    const registries = v.registries;
    for (let i = 0; i < registries.length; i++) if (registryPatternMatches(registries[i], d.image as ImageReference)) return `registry ${registries[i].source}`;
  } else if (d.host !== undefined) {
    const hosts = v.hosts;
    for (let i = 0; i < hosts.length; i++) if (hostPatternMatches(hosts[i], d.host)) return `host ${hosts[i].source}`;
  }
  const globs = d.bucket !== undefined ? v.buckets : dest.type === 'log-destination' ? v.logDestinations : dest.type === 'secret-store' ? v.secretStores : NONE;
  const value = d.bucket ?? d.value;
  for (let i = 0; i < globs.length; i++) if (globMatches(globs[i], value)) return `${dest.type === 'log-destination' ? 'log destination' : dest.type} ${globs[i].source}`;
  return undefined;
}

const NONE: readonly GlobPattern[] = [];

function judge(vendor: Vendor, how: HowMatched, d: Prepared, today: string): VendorMatch {
  const name = vendorName(vendor);
  const baa = vendor.baa;
  const ref = baa.ref !== undefined ? ` (${baa.ref})` : '';
  const vendorId = vendor.id;
  if (how.foreignAccount !== undefined) {
    return {
      status: 'no-baa',
      vendorId,
      reason: `${name}: account ${how.foreignAccount} is not among the accounts the BAA covers (${[...(vendor.match.accounts ?? [])].join(', ')})`,
    };
  }
  if (baa.status === 'terminated') return { status: 'expired', vendorId, reason: `${name}: BAA terminated${ref}` };
  if (baa.status === 'none') return { status: 'no-baa', vendorId, reason: `${name}: no BAA${ref}` };
  if (baa.status === 'pending') return { status: 'no-baa', vendorId, reason: `${name}: BAA pending, not signed${ref}` };
  if (baa.expires !== undefined && isPast(baa.expires, today)) {
    return { status: 'expired', vendorId, reason: `${name}: BAA signed ${baa.signed}${ref} expired ${baa.expires}` };
  }
  const service = d.destination.service;
  if (vendor.provider !== undefined && service !== undefined) {
    const list = eligibleServices(vendor.provider);
    if (!(vendor.services ?? []).includes(service)) {
      return {
        status: 'not-eligible',
        vendorId,
        reason: `${name}: service ${service} is not among the vendor's services in the BAA register (${(vendor.services ?? []).join(', ') || 'none'})`,
      };
    }
    if (list !== undefined && !list.services.has(service)) {
      return {
        status: 'not-eligible',
        vendorId,
        reason: `${name}: service ${service} is not on the ${list.provider} HIPAA-eligible services list (snapshot ${list.date})`,
      };
    }
  }
  const parts = [`${name}: BAA signed ${baa.signed}${ref}`];
  if (baa.expires !== undefined) parts.push(`expires ${baa.expires}`);
  if (baa.reviewBy !== undefined) parts.push(`review by ${baa.reviewBy}${isPast(baa.reviewBy, today) ? ' (overdue)' : ''}`);
  return { status: 'covered', vendorId, reason: parts.join(', ') };
}

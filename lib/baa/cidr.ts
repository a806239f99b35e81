/* eslint-disable no-bitwise */ // addresses are bit strings
/**
 * IP blocks (CIDR notation), IPv4 and IPv6, for matching destinations against the BAA register:
 * a block is inside another when its prefix is at least as long and its first bits are the other's.
 */

/** A parsed IP block. */
export interface Cidr {
  /** The block as written. */
  readonly source: string;
  /** 4 or 6. */
  readonly family: 4 | 6;
  /** The address as an unsigned integer (32 or 128 bits). */
  readonly address: bigint;
  /** Prefix length (a bare address is /32 or /128). */
  readonly prefix: number;
  /** For IPv4, the address as a number (containment tests without bigint allocations). */
  readonly v4: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/;

/**
 * Parses `10.0.0.0/8`, `2001:db8::/32` or a bare address; a string saying what is wrong when it is
 * not one (`host bits`: bits set past the prefix, which usually means a typo).
 */
export function parseCidr(text: string, allowHostBits = false): Cidr | string {
  const slash = text.indexOf('/');
  const addressText = (slash < 0 ? text : text.slice(0, slash)).toLowerCase();
  const v4 = IPV4.exec(addressText);
  let family: 4 | 6;
  let address: bigint;
  if (v4) {
    family = 4;
    address = 0n;
    for (let i = 1; i <= 4; i++) {
      const octet = Number(v4[i]);
      if (octet > 255 || (v4[i].length > 1 && v4[i][0] === '0')) return `${JSON.stringify(addressText)} is not an IPv4 address`;
      address = (address << 8n) | BigInt(octet);
    }
  } else if (addressText.includes(':')) {
    const parsed = parseIpv6(addressText);
    if (parsed === undefined) return `${JSON.stringify(addressText)} is not an IPv6 address`;
    family = 6;
    address = parsed;
  } else {
    return `${JSON.stringify(text)} is not an IP address or block (write it as 10.0.0.0/8 or 2001:db8::/32)`;
  }
  const width = family === 4 ? 32 : 128;
  let prefix = width;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > width) return `prefix length ${JSON.stringify(p)} is not a number from 0 to ${width}`;
    prefix = Number(p);
  }
  if (!allowHostBits && prefix < width && (address & hostMask(width, prefix)) !== 0n) {
    return `bits are set past the /${prefix} prefix`;
  }
  return { source: text, family, address, prefix, v4: family === 4 ? Number(address) : 0 };
}

/** Whether block `inner` lies wholly inside block `outer` (same family, prefix at least as long, same leading bits). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  if (outer.family === 4) {
    if (outer.prefix === 0) return true;
    const bits = 32 - outer.prefix;
    return outer.v4 >>> bits === inner.v4 >>> bits;
  }
  const shift = BigInt(128 - outer.prefix);
  return outer.address >> shift === inner.address >> shift;
}

/** The block's network in CIDR notation (`10.0.0.1/8` -> `10.0.0.0/8`). */
export function networkText(cidr: Cidr): string {
  const width = cidr.family === 4 ? 32 : 128;
  return `${formatAddress(cidr.family, cidr.address & ~hostMask(width, cidr.prefix))}/${cidr.prefix}`;
}

function hostMask(width: number, prefix: number): bigint {
  return (1n << BigInt(width - prefix)) - 1n;
}

function parseIpv6(text: string): bigint | undefined {
  let groups: string[];
  const double = text.indexOf('::');
  if (double >= 0) {
    if (text.indexOf('::', double + 1) >= 0) return undefined;
    const head = text.slice(0, double) === '' ? [] : text.slice(0, double).split(':');
    const tail = text.slice(double + 2) === '' ? [] : text.slice(double + 2).split(':');
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined;
    groups = [...head, ...new Array<string>(missing).fill('0'), ...tail];
  } else {
    groups = text.split(':');
  }
  if (groups.length !== 8) return undefined;
  let value = 0n;
  for (const g of groups) {
    if (!HEX_GROUP.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  return value;
}

function formatAddress(family: 4 | 6, address: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => String((address >> s) & 255n)).join('.');
  }
  const groups: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((address >> s) & 0xffffn).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/**
 * Port sets of NetworkPolicy rules and their intersection, for the data-flow graph. A flow between
 * two pods exists on the ports both the sender's egress and the receiver's ingress allow; named
 * ports are resolved against the receiving pod's container ports (as Kubernetes does for both
 * directions).
 */
import { isObject } from '../rules/k8s/support/objects';

/** One allowed port (range) of a protocol. */
export interface PortItem {
  /** `TCP`, `UDP` or `SCTP`. */
  readonly protocol: string;
  /** First port; undefined for every port of the protocol. @default - every port */
  readonly start?: number;
  /** Last port (equal to `start` for one port). @default - `start` */
  readonly end?: number;
  /** A named port that could not be resolved against the receiving pod's containers. @default - numeric */
  readonly name?: string;
}

/** Every port of every protocol, or a list of ports. */
export type PortSet = 'any' | readonly PortItem[];

/** Named container ports of a pod: name -> port and protocol. */
export type NamedPorts = ReadonlyMap<string, { readonly port: number; readonly protocol: string }>;

const NO_NAMES: NamedPorts = new Map();

/**
 * The ports of a NetworkPolicy rule (`ports: [{protocol, port, endPort}]`): missing or empty means
 * every port; named ports resolved against `named` (the receiving pod's container ports).
 */
export function rulePorts(ports: unknown, named: NamedPorts = NO_NAMES): PortSet {
  if (!Array.isArray(ports) || ports.length === 0) return 'any';
  const items: PortItem[] = [];
  for (const p of ports) {
    if (!isObject(p)) continue;
    const protocol = typeof p.protocol === 'string' ? p.protocol.toUpperCase() : 'TCP';
    items.push(portItem(protocol, p.port, p.endPort, named));
  }
  return items;
}

/** One port written as a number, a numeric string or a name, resolved against `named`. */
export function portItem(protocol: string, port: unknown, endPort: unknown, named: NamedPorts = NO_NAMES): PortItem {
  if (port === undefined || port === null) return { protocol };
  if (typeof port === 'number' || (typeof port === 'string' && /^[0-9]+$/.test(port))) {
    const start = Number(port);
    const end = typeof endPort === 'number' && endPort >= start ? endPort : start;
    return { protocol, start, end };
  }
  const name = String(port);
  const resolved = named.get(name);
  if (resolved !== undefined && resolved.protocol === protocol) return { protocol, start: resolved.port, end: resolved.port };
  return { protocol, name };
}

/** Ports both sets allow. */
export function intersectPorts(a: PortSet, b: PortSet): PortSet {
  if (a === 'any') return b;
  if (b === 'any') return a;
  const out: PortItem[] = [];
  for (const x of a) {
    for (const y of b) {
      const both = intersectItems(x, y);
      if (both !== undefined) out.push(both);
    }
  }
  return out;
}

/** Ports either set allows. */
export function unionPorts(a: PortSet, b: PortSet): PortSet {
  if (a === 'any' || b === 'any') return 'any';
  return [...a, ...b];
}

/** Whether the set allows nothing. */
export function isEmptyPorts(s: PortSet): boolean {
  return s !== 'any' && s.length === 0;
}

/** The set as the graph writes it: sorted unique `TCP/5432`, `TCP/8000-8080`, `TCP/*`, `TCP/http` (unresolved name), `*`. */
export function formatPorts(s: PortSet): string[] {
  if (s === 'any') return ['*'];
  if (s.length === 1) return [formatPort(s[0])];
  const seen = new Set<string>();
  for (const p of s) seen.add(formatPort(p));
  return [...seen].sort(comparePortText);
}

/** One port as the graph writes it. */
export function formatPort(p: PortItem): string {
  if (p.name !== undefined) return `${p.protocol}/${p.name}`;
  if (p.start === undefined) return `${p.protocol}/*`;
  return p.end !== undefined && p.end !== p.start ? `${p.protocol}/${p.start}-${p.end}` : `${p.protocol}/${p.start}`;
}

/** Merges two written port lists (sorted unique; `*` swallows the rest). */
export function mergePortTexts(a: readonly string[], b: readonly string[]): string[] {
  if (a.includes('*') || b.includes('*')) return ['*'];
  if (b.length === 0 || a === b) return a.length <= 1 ? [...a] : [...new Set(a)].sort(comparePortText);
  if (a.length === 1 && b.length === 1 && a[0] === b[0]) return [a[0]];
  return [...new Set([...a, ...b])].sort(comparePortText);
}

/** Protocol first, then numerically by first port, then text. */
export function comparePortText(a: string, b: string): number {
  const [pa, na] = splitPort(a);
  const [pb, nb] = splitPort(b);
  if (pa !== pb) return pa < pb ? -1 : 1;
  if (na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function splitPort(text: string): [string, number] {
  const slash = text.indexOf('/');
  if (slash < 0) return [text, -1];
  const n = parseInt(text.slice(slash + 1), 10);
  return [text.slice(0, slash), Number.isNaN(n) ? Number.MAX_SAFE_INTEGER : n];
}

function intersectItems(x: PortItem, y: PortItem): PortItem | undefined {
  if (x.protocol !== y.protocol) return undefined;
  if (x.start === undefined && x.name === undefined) return y;
  if (y.start === undefined && y.name === undefined) return x;
  // An unresolved name against a number: unknown which port it is, so kept (the graph over- rather than under-states flows).
  if (x.name !== undefined) return y.name === undefined ? y : y.name === x.name ? x : undefined;
  if (y.name !== undefined) return x;
  const start = Math.max(x.start!, y.start!);
  const end = Math.min(x.end ?? x.start!, y.end ?? y.start!);
  return start <= end ? { protocol: x.protocol, start, end } : undefined;
}

/**
 * Validation of a NetworkPolicyProbe's props (loaded on first use, as workload-props.ts): every
 * problem is recorded and reported together in one Error naming the construct path, the field,
 * the rule where one backs it, and the fix. Returns what the probe writes once they are valid.
 */
import { isIP } from 'net';
import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { HipaaNamespace } from './hipaa-namespace';
import { describe, InputProblems } from './input-problems';
import { cronJobProblems } from './job-props';
import type { ProbeEndpoint } from './network-policy-probe-script';
import { ownWaiverExpiryProblems } from './waiver-entry-problems';
import { waiverListProblem } from '../check/waiver';
import { OWNER_LABEL, PHI_LABEL } from '../labels';
import { NamespaceMeshing, namespaceMeshing } from '../rules/k8s/support/mesh-membership';
import { pinnedByDigest } from '../rules/k8s/workload/image-reference';
import { isDns1123Label, nameViolation } from '../rules/k8s/workload/valid-name';


/** The longest and shortest time one attempt may take. */
export const PROBE_TIMEOUT_RANGE = { min: 1, max: 30 } as const;

/** A namespace probed, with the owner its probe is labelled with and the mesh its pods are in. */
export interface ProbedNamespace {
  readonly namespace: HipaaNamespace;
  readonly owner: string | undefined;
  readonly phi: boolean;
  readonly meshing: NamespaceMeshing | undefined;
}

/** What the probe writes, computed once its props are valid. */
export interface ProbeChoices {
  /** The namespaces probed, with the owner each probe is labelled with. */
  readonly namespaces: readonly ProbedNamespace[];
  readonly mustDeny: readonly ProbeEndpoint[];
  readonly mustAllow: readonly ProbeEndpoint[];
  readonly dnsNames: readonly string[];
  readonly dnsTcp: string | undefined;
  readonly timeoutSeconds: number;
  readonly name: string;
  /** Expiry of the waiver of k8s-phi-namespace-mtls on the probes in namespaces with a mesh (validated; undefined when none has one). */
  readonly meshWaiverExpires: string | undefined;
}

/** The rule a pod outside its namespace's mesh breaks, and that the probe's pods are waived for. */
export const PROBE_MESH_RULE = 'k8s-phi-namespace-mtls';

/** The targets that must be denied unless props name others: the API server (a Service in `default`) and the internet. */
export function defaultMustDeny(clusterDomain: string): string[] {
  return [`kubernetes.default.svc.${clusterDomain}:443`, '1.1.1.1:443'];
}

/** `host:port` parsed, or why it is not one. */
export function parseTarget(value: string): ProbeEndpoint | string {
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(value);
  const plain = /^([^:[\]\s]+):(\d+)$/.exec(value);
  const m = bracketed ?? plain;
  if (!m) {
    return value.split(':').length > 2 && !value.startsWith('[')
      ? 'is not host:port: write an IPv6 address in brackets, e.g. \'[fd00::1]:443\''
      : 'is not host:port, e.g. \'records-api.clinic.svc.cluster.local:8080\' or \'10.0.0.5:443\'';
  }
  const [, host, portText] = m;
  const port = Number(portText);
  const portProblem = !/^[1-9]\d*$/.test(portText) || port > 65535 ? `has port ${portText}; a port is a number from 1 to 65535 without leading zeros` : undefined;
  let hostProblem: string | undefined;
  if (bracketed) {
    if (isIP(host) !== 6) hostProblem = `has '${host}' in brackets, which is not an IPv6 address`;
  } else if (/^[\d.]+$/.test(host)) {
    if (isIP(host) !== 4) hostProblem = `has host '${host}', which is not an IPv4 address`;
  } else if (host.length > 253 || !host.replace(/\.$/, '').split('.').every(isDns1123Label)) {
    hostProblem = `has host '${host}', which is not a DNS name (lower-case labels of letters, digits and '-', each at most 63 characters)`;
  }
  if (hostProblem || portProblem) return [hostProblem, portProblem].filter(Boolean).join(' and ');
  return { host, port };
}

/** Throws one Error listing every problem of a NetworkPolicyProbe's props (`where` is its path); returns what it writes. */
export function validateProbeProps(where: string, props: unknown, root: IConstruct): ProbeChoices {
  const p = new InputProblems(where);
  if (!p.object(props, 'props', false)) p.throwIfAny();
  const raw = props as Record<string, any>;

  const nonPhi = p.boolean(raw.nonPhiNamespaces, 'nonPhiNamespaces') && raw.nonPhiNamespaces;
  const namespaces: ProbedNamespace[] = [];
  const withoutDns: string[] = [];
  if (raw.namespaces === undefined || (Array.isArray(raw.namespaces) && raw.namespaces.length === 0)) {
    p.add('namespaces', 'needs at least one HipaaNamespace (or its name) to probe: the probe runs as a workload of each, under its NetworkPolicies.');
  } else if (p.list(raw.namespaces, 'namespaces', false)) {
    const seen = new Set<string>();
    let appNamespaces: Map<string, HipaaNamespace> | undefined;
    raw.namespaces.forEach((ns: unknown, i: number) => {
      const field = `namespaces[${i}]`;
      const why = 'the probe writes its CronJob into the namespace, so it must be one the app creates ' +
        '(a construct never writes into a namespace it does not own), with the default-deny policies it tests.';
      if (typeof ns === 'string') {
        const found = (appNamespaces ??= hipaaNamespaces(root)).get(ns);
        if (found === undefined) {
          p.add(field, `'${ns}' is not the name of a HipaaNamespace of the app declared before this probe: ${why} Declare the HipaaNamespace first, or pass it.`);
          return;
        }
        ns = found;
      } else if (!(ns instanceof HipaaNamespace)) {
        p.add(field, `expected a HipaaNamespace or its name, got ${describe(ns)}: ${why}`);
        return;
      }
      if (!(ns instanceof HipaaNamespace)) return;
      if (seen.has(ns.name)) {
        p.add(field, `'${ns.name}' is listed twice; list each namespace once.`);
        return;
      }
      seen.add(ns.name);
      const labels = ApiObject.of(ns.namespace).metadata;
      const phi = labels.getLabel(PHI_LABEL) === 'true';
      if (!phi && !nonPhi) {
        p.add(field, `'${ns.name}' is not a PHI namespace (${PHI_LABEL}: ${labels.getLabel(PHI_LABEL)}); the probe tests the isolation of PHI namespaces. ` +
          'Probe it anyway by setting nonPhiNamespaces: true, or leave it out.');
      }
      if (ns.node.tryFindChild('AllowDns') === undefined) withoutDns.push(ns.name);
      const written = labels.toJson();
      namespaces.push({ namespace: ns, owner: labels.getLabel(OWNER_LABEL), phi, meshing: namespaceMeshing(written.labels, written.annotations) });
    });
  }

  if (raw.image === undefined) {
    p.add('image', 'is required: an image with sh, nc (with -z and -w), nslookup, timeout, date, tr and cut (busybox 1.30 or later, or netshoot), pinned by digest, e.g. \'<registry>/busybox:1.37.0@sha256:...\'.');
  } else if (p.string(raw.image, 'image') && !pinnedByDigest(raw.image)) {
    p.add('image', `'${raw.image}' is not pinned by digest (k8s-image-digest): a probe that runs a different image than the one reviewed proves nothing. Append @sha256:<digest>.`);
  }

  let domain = 'cluster.local';
  if (p.string(raw.clusterDomain, 'clusterDomain')) {
    const target = parseTarget(`${raw.clusterDomain}:1`);
    if (typeof target === 'string' || raw.clusterDomain.endsWith('.') || isIP(raw.clusterDomain)) {
      p.add('clusterDomain', `'${raw.clusterDomain}' is not a DNS domain (e.g. 'cluster.local'; the kubelet's --cluster-domain).`);
    } else {
      domain = raw.clusterDomain;
    }
  }

  const denyList = targetList(p, raw.mustDeny, 'mustDeny', defaultMustDeny(domain));
  const mustDeny = present(denyList);
  denyList.forEach((e, i) => {
    if (e?.port !== 53 || e.host !== `kube-dns.kube-system.svc.${domain}`) return;
    p.add(`mustDeny[${i}]`, `'${e.host}:53' is the cluster DNS, which every pod of a HipaaNamespace may reach (allowDns), so it would always be open. ` +
      'Name a target the namespace must not reach; DNS is checked to work (dnsNames, dnsOverTcp).');
  });
  if (Array.isArray(raw.mustDeny) && raw.mustDeny.length === 0) {
    p.add('mustDeny', 'is empty: a probe without a must-deny target tests no isolation. Name targets the namespace must not reach and that listen ' +
      `(a Service of another namespace, the API server 'kubernetes.default.svc.${domain}:443', a public address such as '1.1.1.1:443'), or leave it unset for those two.`);
  }
  let allowed: (ProbeEndpoint | undefined)[] = [];
  if (p.list(raw.mustAllow, 'mustAllow')) {
    const targets: unknown[] = raw.mustAllow.map((f: unknown, i: number) => {
      if (!p.object(f, `mustAllow[${i}]`, false)) return undefined;
      if (f.to === undefined || f.to === null || typeof f.to.toNetworkPolicyPeerConfig !== 'function') {
        p.add(`mustAllow[${i}].to`, `expected the peer of the flow (a workload, kplus.Pods.select(...), a HipaaNamespace or kplus.NetworkPolicyIpBlock.ipv4(...)), got ${describe(f.to)}: ` +
          'the probe\'s pod gets exactly this egress flow, declared as a workload\'s egress is.');
      }
      if (f.target === undefined) p.add(`mustAllow[${i}].target`, 'is required: the host:port the probe connects to over that flow, e.g. \'records-api.clinic.svc.cluster.local:8080\'.');
      return f.target;
    });
    allowed = targetList(p, targets.map((t) => t ?? SKIP), 'mustAllow', [], '.target');
  }
  const mustAllow = present(allowed);
  const denied = new Map<string, number>();
  denyList.forEach((e, i) => e && denied.set(`${e.host}:${e.port}`, i));
  allowed.forEach((e, i) => {
    if (e === undefined) return;
    const j = denied.get(`${e.host}:${e.port}`);
    if (j === undefined) return;
    p.add(`mustAllow[${i}].target`, `'${e.host}:${e.port}' is also ${raw.mustDeny === undefined ? 'a default must-deny target' : `mustDeny[${j}]`}; a flow cannot be both. ` +
      `${raw.mustDeny === undefined ? 'Give mustDeny without it' : 'Remove it from one of the lists'}.`);
  });

  let dnsNames = [`kubernetes.default.svc.${domain}`];
  if (p.list(raw.dnsNames, 'dnsNames')) {
    dnsNames = [];
    raw.dnsNames.forEach((n: unknown, i: number) => {
      if (!p.string(n, `dnsNames[${i}]`, false)) return;
      const parsed = parseTarget(`${n}:1`);
      if (typeof parsed === 'string' || isIP(n)) p.add(`dnsNames[${i}]`, `'${n}' is not a DNS name to resolve (e.g. 'kubernetes.default.svc.${domain}').`);
      else dnsNames.push(n);
    });
  }
  const dnsTcp = (p.boolean(raw.dnsOverTcp, 'dnsOverTcp') ? raw.dnsOverTcp : true) ? `kube-dns.kube-system.svc.${domain}` : undefined;

  if (withoutDns.length > 0) {
    const named = [...mustDeny, ...mustAllow].filter((e) => isIP(e.host) === 0).map((e) => `${e.host}:${e.port}`);
    if (dnsNames.length > 0 || dnsTcp !== undefined || named.length > 0) {
      p.add('namespaces', `${withoutDns.map((n) => `'${n}'`).join(', ')} ${withoutDns.length > 1 ? 'have' : 'has'} allowDns: false, so the probe's DNS checks would fail` +
        `${named.length > 0 ? ` and its targets by name (${named.join(', ')}) would not resolve` : ''}. Give the namespace allowDns (the default), ` +
        'or set dnsNames: [] and dnsOverTcp: false and name every target by IP address.');
    }
  }

  let timeoutSeconds = 5;
  if (p.instance(raw.timeout, 'timeout', 'a Duration (e.g. Duration.seconds(5))', 'toSeconds')) {
    let seconds: number | undefined;
    try {
      seconds = raw.timeout.toSeconds();
    } catch {
      seconds = undefined;
    }
    if (seconds === undefined || seconds < PROBE_TIMEOUT_RANGE.min || seconds > PROBE_TIMEOUT_RANGE.max) {
      p.add('timeout', `must be a whole number of seconds from ${PROBE_TIMEOUT_RANGE.min} to ${PROBE_TIMEOUT_RANGE.max}${seconds === undefined ? '' : ` (got ${seconds})`}: ` +
        'a denied flow shows as an attempt that runs into it, so it bounds every check and the run. Use e.g. Duration.seconds(5), or leave it unset for 5 seconds.');
    } else {
      timeoutSeconds = seconds;
    }
  }
  p.boolean(raw.rejectIsDenial, 'rejectIsDenial');
  if (raw.schedule !== undefined) cronJobProblems(p, { schedule: raw.schedule });

  let name = 'network-policy-probe';
  if (p.string(raw.name, 'name')) {
    const v = nameViolation('CronJob', raw.name);
    if (v) p.add('name', `${v.message} (k8s-valid-name).`);
    else name = raw.name;
  }
  if (p.string(raw.owner, 'owner') && raw.owner.trim() === '') p.add('owner', 'is empty; name the team accountable for the probe, or leave it unset for each namespace\'s owner.');
  const waivers = waiverListProblem(raw.waivers);
  if (waivers) p.add('waivers', waivers);
  // The rule flags a pod outside the mesh in PHI namespaces only.
  const meshed = namespaces.filter((n) => n.meshing !== undefined && n.phi).map((n) => `'${n.namespace.name}'`);
  if (raw.meshWaiverExpires === undefined) {
    if (meshed.length > 0) {
      p.add('meshWaiverExpires', `is required: ${meshed.join(', ')} ${meshed.length > 1 ? 'have' : 'has'} a service mesh, and the probe's pod stays out of it ` +
        '(in the mesh its connections would end at its own proxy, which accepts them all), so it carries a waiver of ' +
        `${PROBE_MESH_RULE}, which must come back for review. Give the date (YYYY-MM-DD, at most 12 months ahead) until which it is accepted.`);
    }
  } else if (p.string(raw.meshWaiverExpires, 'meshWaiverExpires')) {
    ownWaiverExpiryProblems(p, raw.meshWaiverExpires, 'meshWaiverExpires', PROBE_MESH_RULE);
  }

  p.throwIfAny();
  return {
    namespaces: namespaces.map((n) => ({ ...n, owner: raw.owner ?? n.owner })),
    mustDeny,
    mustAllow,
    dnsNames,
    dnsTcp,
    timeoutSeconds,
    name,
    meshWaiverExpires: meshed.length > 0 ? raw.meshWaiverExpires : undefined,
  };
}

/** The app's HipaaNamespaces by name (one walk of the app, for a probe given names). */
function hipaaNamespaces(root: IConstruct): Map<string, HipaaNamespace> {
  const map = new Map<string, HipaaNamespace>();
  for (const c of root.node.findAll()) {
    if (c instanceof HipaaNamespace && !map.has(c.name)) map.set(c.name, c);
  }
  return map;
}

/** Marks an item already reported (a flow without a target), so the list check skips it. */
const SKIP = Symbol('reported');

function present(list: (ProbeEndpoint | undefined)[]): ProbeEndpoint[] {
  return list.filter((e): e is ProbeEndpoint => e !== undefined);
}

/** The targets of a list prop (the default when it is unset), each checked, at their index (undefined where bad); duplicates refused. */
function targetList(p: InputProblems, value: unknown, field: string, fallback: string[], suffix = ''): (ProbeEndpoint | undefined)[] {
  if (value === undefined) return fallback.map((t) => parseTarget(t) as ProbeEndpoint);
  if (!p.list(value, field)) return [];
  const out: (ProbeEndpoint | undefined)[] = [];
  const seen = new Map<string, number>();
  value.forEach((t, i) => {
    const f = `${field}[${i}]${suffix}`;
    out.push(undefined);
    if (t === SKIP || !p.string(t, f, false)) return;
    const parsed = parseTarget(t);
    if (typeof parsed === 'string') {
      p.add(f, `'${t}' ${parsed}.`);
      return;
    }
    const key = `${parsed.host}:${parsed.port}`;
    if (seen.has(key)) {
      p.add(f, `'${t}' is also ${field}[${seen.get(key)}]${suffix}; list each target once.`);
      return;
    }
    out[i] = parsed;
    seen.set(key, i);
  });
  return out;
}

/**
 * The networks of a Compose project, decided from its declared flows (see HipaaComposeProject): one
 * internal network per pair of services with a flow, one `<service>-edge` network per service that
 * publishes ports or asks for egress, and nothing else.
 */
import type { SecureComposeService, ServiceAttachments } from './secure-compose-service';

/** Label naming a network's sensitivity tier. */
export const NETWORK_TIER_LABEL = 'hipaa-constructs.io/network-tier';

/** The sensitivity tiers of the project's networks. */
export type NetworkTier = 'phi' | 'internal' | 'edge';

/** A flow declared between two services of a project. */
export interface ComposeFlow {
  /** The service that opens the connections. */
  readonly sender: SecureComposeService;
  /** The service that accepts them. */
  readonly receiver: SecureComposeService;
  /** Port the receiver listens on. */
  readonly port: number;
  /** Transport protocol. */
  readonly protocol: 'tcp' | 'udp';
  /** Whether the sender starts after the receiver (depends_on). */
  readonly waitForReceiver: boolean;
  /** Construct path of the service the flow was declared on. */
  readonly declaredOn: string;
  /** The call that declared it, e.g. `connectTo(app/clinic/db)`. */
  readonly field: string;
}

/** The project's networks and where each service is attached. */
export interface NetworkPlan {
  /** Networks by name, as the Compose file writes them. */
  readonly networks: Map<string, Record<string, unknown>>;
  /** Attachments of each service. */
  readonly attachments: Map<SecureComposeService, ServiceAttachments>;
}

interface PairNetwork {
  readonly name: string;
  readonly ends: readonly [SecureComposeService, SecureComposeService];
  readonly flows: string[];
}

/** Decides the networks; throws naming the project when two would share a name or the start order has a cycle. */
export function planNetworks(where: string, services: readonly SecureComposeService[], flows: readonly ComposeFlow[], swarm: boolean): NetworkPlan {
  const pairs = new Map<string, PairNetwork>();
  const joined = new Map<SecureComposeService, Set<string>>(services.map((s) => [s, new Set<string>()]));
  const expose = new Map<SecureComposeService, Set<string>>(services.map((s) => [s, new Set<string>()]));
  const dependsOn = new Map<SecureComposeService, Map<string, 'service_healthy' | 'service_started'>>(services.map((s) => [s, new Map()]));
  const owner = new Map<string, string>();
  const claim = (name: string, by: string) => {
    const other = owner.get(name);
    if (other !== undefined && other !== by) {
      throw new Error(`[${where}] networks: the network '${name}' of ${by} has the name of the one of ${other}; rename one of the services.`);
    }
    owner.set(name, by);
  };

  for (const f of flows) {
    const key = [f.sender.serviceName, f.receiver.serviceName].sort().join('\u0000');
    let pair = pairs.get(key);
    if (!pair) {
      pair = { name: `${f.sender.serviceName}-to-${f.receiver.serviceName}`, ends: [f.sender, f.receiver], flows: [] };
      claim(pair.name, `the flow ${f.sender.serviceName} -> ${f.receiver.serviceName}`);
      pairs.set(key, pair);
    }
    const text = `${f.sender.serviceName} -> ${f.receiver.serviceName}:${f.port}/${f.protocol}`;
    if (!pair.flows.includes(text)) pair.flows.push(text);
    joined.get(f.sender)!.add(pair.name);
    joined.get(f.receiver)!.add(pair.name);
    expose.get(f.receiver)!.add(f.protocol === 'tcp' ? String(f.port) : `${f.port}/${f.protocol}`);
    if (f.waitForReceiver) dependsOn.get(f.sender)!.set(f.receiver.serviceName, f.receiver._settings.healthcheck ? 'service_healthy' : 'service_started');
  }

  const networks = new Map<string, Record<string, unknown>>();
  const network = (internal: boolean, tier: NetworkTier, extra: Record<string, unknown> = {}) => ({
    driver: swarm ? 'overlay' : 'bridge',
    ...(swarm ? { driver_opts: { encrypted: '' } } : {}),
    internal,
    labels: { [NETWORK_TIER_LABEL]: tier },
    ...extra,
  });
  for (const pair of pairs.values()) {
    const tier: NetworkTier = pair.ends.some((s) => s.phi) ? 'phi' : 'internal';
    networks.set(pair.name, network(true, tier, { 'x-hipaa-flows': [...pair.flows] }));
  }
  for (const s of services) {
    if (s._settings.ports.length === 0 && !s._settings.egress) continue;
    const name = `${s.serviceName}-edge`;
    claim(name, `service ${s.serviceName}`);
    networks.set(name, network(false, 'edge'));
    joined.get(s)!.add(name);
  }

  checkPublishedPorts(services);
  checkStartOrder(where, services, dependsOn);
  const attachments = new Map<SecureComposeService, ServiceAttachments>();
  for (const s of services) {
    attachments.set(s, {
      networks: [...joined.get(s)!].sort(),
      expose: [...expose.get(s)!].sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b)),
      dependsOn: [...dependsOn.get(s)!].sort(([a], [b]) => a.localeCompare(b)),
    });
  }
  return { networks, attachments };
}

/** Two services cannot publish the same host address and port: the second would not start. */
function checkPublishedPorts(services: readonly SecureComposeService[]): void {
  const taken = new Map<string, string>();
  for (const s of services) {
    s._settings.ports.forEach((p, i) => {
      const key = `${p.hostIp}:${p.published}/${p.protocol}`;
      const other = taken.get(key);
      if (other !== undefined) {
        throw new Error(`[${s.node.path}] ports[${i}]: ${key} is also published by ${other}; a host address and port can be published once. Pick another published port.`);
      }
      taken.set(key, s.node.path);
    });
  }
}

/** `depends_on` must not form a cycle: `docker compose up` refuses the project. */
function checkStartOrder(where: string, services: readonly SecureComposeService[], dependsOn: Map<SecureComposeService, Map<string, unknown>>): void {
  const byName = new Map(services.map((s) => [s.serviceName, s]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(name)), name].join(' -> ');
      throw new Error(`[${where}] flows: the services wait for each other to start (${cycle}), which docker compose refuses. ` +
        'Give one of these flows waitForReceiver: false.');
    }
    state.set(name, 'visiting');
    for (const next of dependsOn.get(byName.get(name)!)!.keys()) visit(next, [...trail, name]);
    state.set(name, 'done');
  };
  for (const s of services) visit(s.serviceName, []);
}

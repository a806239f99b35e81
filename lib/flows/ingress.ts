/**
 * Ingresses as the way in: `internet -> ingress controller -> Ingress host -> Service`. One node
 * per host of each Ingress (`*` for rules without a host); the controller -> host edge carries
 * TLS when the Ingress's `spec.tls` lists the host (the controller terminates it), else plain
 * text. The host -> Service edge is TLS when the controller re-encrypts to the backend
 * (ingress-nginx `backend-protocol: HTTPS`/`GRPCS`), mTLS when the backend's pods accept only mTLS.
 */
import { ClusterIndex, objectRef } from './cluster-index';
import type { EdgeTransport } from './flow-graph';
import type { FlowGraphBuilder } from './graph-builder';
import { receiverTransport } from './network-policies';
import { INGRESS_CONTROLLER_ID, ingressControllerNode, INTERNET_ID, internetNode } from './peers';
import { servicePorts, serviceId } from './services';
import type { Resource } from '../check/resource';
import { isObject } from '../rules/k8s/support/objects';
import { NGINX, NGINX_ENCRYPTED_BACKEND_PROTOCOLS } from '../rules/k8s/transport/ingress-nginx';

/** Adds every Ingress's hosts, the ingress controller and the internet, and the edges to the backend Services. */
export function addIngresses(index: ClusterIndex, graph: FlowGraphBuilder): void {
  const servicesByName = new Map<string, Resource>();
  for (const s of index.ctx.ofKind('Service')) {
    const key = `${index.namespaceOf(s)}\u0000${s.name}`;
    if (!servicesByName.has(key)) servicesByName.set(key, s);
  }
  const front = { tls: false, plain: false, ports: new Set<string>(), source: undefined as Resource['source'] };
  for (const ing of index.ctx.ofKind('Ingress')) {
    const ns = index.namespaceOf(ing);
    const spec = isObject(ing.body.spec) ? ing.body.spec : {};
    const tlsHosts = new Set<string>();
    for (const t of Array.isArray(spec.tls) ? spec.tls : []) {
      if (isObject(t) && Array.isArray(t.hosts)) for (const h of t.hosts) if (typeof h === 'string') tlsHosts.add(h.toLowerCase());
    }
    const backendTls = NGINX_ENCRYPTED_BACKEND_PROTOCOLS.includes(String(ing.body.metadata?.annotations?.[NGINX.backendProtocol] ?? '').toUpperCase());
    // host -> [backend service name, port, path of the backend]
    const hosts = new Map<string, { path: string; backends: { service: string; port: unknown; path: string }[] }>();
    const rules = Array.isArray(spec.rules) ? spec.rules : [];
    rules.forEach((rule: unknown, i: number) => {
      if (!isObject(rule)) return;
      const host = typeof rule.host === 'string' && rule.host !== '' ? rule.host.toLowerCase() : '*';
      let entry = hosts.get(host);
      if (entry === undefined) hosts.set(host, (entry = { path: host === '*' ? `spec.rules[${i}]` : `spec.rules[${i}].host`, backends: [] }));
      const paths = isObject(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths : [];
      paths.forEach((p: unknown, j: number) => {
        const svc = isObject(p) && isObject(p.backend) && isObject(p.backend.service) ? p.backend.service : undefined;
        if (svc !== undefined && typeof svc.name === 'string') {
          entry!.backends.push({ service: svc.name, port: isObject(svc.port) ? svc.port.number ?? svc.port.name : undefined, path: `spec.rules[${i}].http.paths[${j}].backend.service` });
        }
      });
    });
    const defaultSvc = isObject(spec.defaultBackend) && isObject(spec.defaultBackend.service) ? spec.defaultBackend.service : undefined;
    if (defaultSvc !== undefined && typeof defaultSvc.name === 'string') {
      let entry = hosts.get('*');
      if (entry === undefined) hosts.set('*', (entry = { path: 'spec.defaultBackend', backends: [] }));
      entry.backends.push({ service: defaultSvc.name, port: isObject(defaultSvc.port) ? defaultSvc.port.number ?? defaultSvc.port.name : undefined, path: 'spec.defaultBackend.service' });
    }
    for (const [host, entry] of hosts) {
      const tls = tlsHosts.has(host);
      const id = `ingress:${ns}/${ing.name}/${host}`;
      const services = entry.backends.map((b) => servicesByName.get(`${ns}\u0000${b.service}`));
      const phi = services.some((s) => s !== undefined && graph.get(serviceId(ns, s.name))?.phi === true) ||
        (services.length === 0 && index.isPhiNamespace(ns));
      graph.node({ id, kind: 'ingress', label: tls ? `${host} (TLS)` : host, namespace: ns, phi, source: ing.source, object: objectRef(ing, ns), path: entry.path });
      const port = tls ? 'TCP/443' : 'TCP/80';
      front.ports.add(port);
      if (tls) front.tls = true;
      else front.plain = true;
      front.source ??= ing.source;
      graph.edge({
        from: INGRESS_CONTROLLER_ID,
        to: id,
        ports: [port],
        transport: tls ? 'tls' : 'plaintext',
        via: `Ingress ${ns}/${ing.name}${tls ? ' (spec.tls lists the host)' : ' (no TLS for the host)'}`,
        source: ing.source,
      });
      entry.backends.forEach((b, k) => {
        const svc = services[k];
        const to = serviceId(ns, b.service);
        if (svc === undefined) {
          // A backend Service the checked objects do not hold: still where the traffic goes.
          graph.node({ id: to, kind: 'service', label: b.service, namespace: ns, phi: index.isPhiNamespace(ns), source: ing.source, object: objectRef(ing, ns), path: b.path });
        }
        graph.edge({
          from: id,
          to,
          ports: svc !== undefined ? servicePorts(svc, b.port) : typeof b.port === 'number' ? [`TCP/${b.port}`] : ['*'],
          transport: backendTransport(index, ns, svc, backendTls),
          via: `Ingress ${ns}/${ing.name} backend`,
          source: ing.source,
        });
      });
    }
  }
  if (front.ports.size === 0) return;
  graph.node(internetNode());
  graph.node(ingressControllerNode());
  graph.edge({
    from: INTERNET_ID,
    to: INGRESS_CONTROLLER_ID,
    ports: [...front.ports],
    transport: front.tls && !front.plain ? 'tls' : front.plain && !front.tls ? 'plaintext' : 'unknown',
    via: 'clients reach the Ingress hosts through the ingress controller',
    source: front.source,
  });
}

/** TLS when the controller re-encrypts; mTLS when every pod behind the Service accepts only mTLS; else unknown. */
function backendTransport(index: ClusterIndex, ns: string, svc: Resource | undefined, backendTls: boolean): EdgeTransport {
  const pods = svc === undefined ? [] : index.serviceWorkloads(ns, svc.body.spec?.selector);
  if (pods.length > 0 && pods.every((w) => receiverTransport(w) === 'mtls')) return 'mtls';
  return backendTls ? 'tls' : 'unknown';
}

import type { RuleContext } from '../../../check/context';
import { isMapping } from '../../../check/docker/compose-merge';
import { itemPath, keyPath } from '../../../check/docker/compose-path';
import { COMPOSE_NETWORK, COMPOSE_SERVICE } from '../../../check/docker/kinds';
import type { Resource } from '../../../check/resource';
import type { Rule } from '../../../check/rule';
import { composeBoolean } from '../support/compose-boolean';
import { shown } from '../support/compose-interpolation';
import { isPhiService } from '../support/compose-phi';
import { serviceLabel } from '../support/compose-service';

/** One network a service is attached to, and where the attachment is written. */
interface Attachment {
  readonly network: string;
  readonly path: string;
}

/** PHI back-ends only on internal networks. */
export const composePhiInternalNetwork: Rule = {
  id: 'docker-compose-phi-internal-network',
  title: 'A PHI service that publishes no ports must be attached only to internal: true networks',
  description:
    'A PHI back-end (a database, a queue, a worker: a service labelled hipaa-constructs.io/phi: "true", or not classified when ' +
    'unclassified objects count as PHI) that publishes no ports is reached only by other services. On a network without ' +
    'internal: true it can still open connections to the internet, so a compromised back-end can send PHI anywhere. Attach it ' +
    'only to networks declared with internal: true; the project\'s implicit default network is not internal, network_mode: ' +
    'bridge and host are not either, and an external network is flagged because its settings are not in the project. ' +
    'network_mode: none is fine; network_mode: service:<name> is judged by that service\'s networks.',
  severity: 'error',
  controls: ['164.312(e)(1)', '164.312(a)(1)'],
  kinds: [COMPOSE_SERVICE],
  fix: 'Declare a network with internal: true (networks: { phi-backend: { internal: true } }), attach the service only to it (networks: [phi-backend]), and attach the front-end that publishes ports to it as well.',
  check(resource, ctx, report) {
    const body = resource.body;
    if (Array.isArray(body.ports) && body.ports.length > 0) return;
    if (!isPhiService(resource, ctx)) return;
    const who = `PHI ${serviceLabel(resource)}`;
    const project = resource.namespace ?? '';
    const networks = ctx.inNamespace(COMPOSE_NETWORK, project);
    const services = ctx.inNamespace(COMPOSE_SERVICE, project);
    const seen = new Set<string>([resource.name]);
    let service: Resource = resource;
    let via = '';
    for (;;) {
      const mode: unknown = service.body.network_mode;
      if (mode === undefined || mode === null) break;
      const text = String(mode);
      if (text === 'none') return;
      const joined = /^service:(.+)$/.exec(text);
      const next = joined ? services.find((s) => s.name === joined[1]) : undefined;
      if (next === undefined || seen.has(next.name)) {
        report({ path: 'network_mode', message: `${who} publishes no ports but uses network_mode ${shown(text)}${via}, which is not an internal network` });
        return;
      }
      seen.add(next.name);
      service = next;
      via = ` (through ${serviceLabel(next)})`;
    }
    for (const attachment of attachments(service.body)) {
      const problem = networkProblem(attachment.network, networks, ctx);
      if (problem === undefined) continue;
      report({
        path: service === resource ? attachment.path : 'network_mode',
        message: `${who} publishes no ports but is attached to network '${attachment.network}'${via}, which ${problem}`,
      });
    }
  },
};

function attachments(body: Record<string, any>): Attachment[] {
  const networks = body.networks;
  if (Array.isArray(networks)) return networks.map((n, i) => ({ network: String(n), path: itemPath('networks', i) }));
  if (isMapping(networks)) return Object.keys(networks).map((n) => ({ network: n, path: keyPath('networks', n) }));
  return [{ network: 'default', path: 'networks' }];
}

function networkProblem(name: string, networks: readonly Resource[], _ctx: RuleContext): string | undefined {
  const network = networks.find((n) => n.name === name);
  if (network === undefined) return 'the project does not declare';
  if (composeBoolean(network.body.external) === true) return 'is external: whether it is internal is not in the project';
  if (composeBoolean(network.body.internal) === true) return undefined;
  if (name === 'default' && Object.keys(network.body).length === 0) return 'is the implicit default network, not internal';
  return `is not internal (${network.body.internal === undefined ? 'internal: true is not set' : `internal: ${shown(network.body.internal)}`})`;
}

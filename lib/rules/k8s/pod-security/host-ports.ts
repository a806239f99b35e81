import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { show } from './helpers';

/** PSS baseline, "Host Ports". */
export const hostPorts: Rule = {
  id: 'k8s-host-ports',
  title: 'Containers must not bind host ports',
  description:
    'Pod Security Standards (baseline), control "Host Ports": spec.containers[*].ports[*].hostPort (and the same on ' +
    'init and ephemeral containers) must be unset or 0. A host port opens the port on the node\'s own address, ' +
    'reachable by anything that can reach the node, outside Services and the NetworkPolicies that select them; it ' +
    'also ties the pod to nodes where the port is free.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(e)(1)'],
  kinds: POD_KINDS,
  fix: 'Remove hostPort from the container\'s ports (keep containerPort) and expose the port through a Service.',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    for (const ref of pod.containers) {
      const ports = ref.container.ports;
      if (!Array.isArray(ports)) continue;
      for (let i = 0; i < ports.length; i++) {
        const hostPort = ports[i]?.hostPort;
        if (hostPort === undefined || hostPort === null || hostPort === 0) continue;
        const path = `${ref.path}.ports[${i}].hostPort`;
        const containerPort = ports[i].containerPort;
        report({
          path,
          message: `${containerLabel(ref)} binds host port ${show(hostPort)} on the node${containerPort !== undefined ? ` (to container port ${show(containerPort)})` : ''}, reachable outside Services and NetworkPolicies`,
          fix: `Remove ${path} (keep containerPort) and expose the port through a Service.`,
        });
      }
    }
  },
};

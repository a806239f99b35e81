import type { Report, Rule } from '../../../check/rule';
import { containerLabel, ContainerRef, podTemplate, POD_KINDS } from '../pod';
import { show } from './helpers';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;
const HOOK_FIELDS = ['lifecycle.postStart', 'lifecycle.preStop'] as const;

/** PSS baseline (Kubernetes 1.34+), "Host Probes / Lifecycle Hooks". */
export const hostProbes: Rule = {
  id: 'k8s-host-probes',
  title: 'Probes and lifecycle hooks must not name a host',
  description:
    'Pod Security Standards (baseline), control "Host Probes / Lifecycle Hooks": the host field of httpGet and ' +
    'tcpSocket in livenessProbe, readinessProbe, startupProbe and lifecycle postStart/preStop handlers must be unset ' +
    'or empty, on every container, init container and ephemeral container. The kubelet performs these requests from ' +
    'the node, so a host field lets a pod make the node connect to any address it can reach (node-local services, ' +
    'cloud metadata endpoints, other namespaces), outside NetworkPolicies. Pod Security Admission enforces this from ' +
    'Kubernetes 1.34; the risk is the same on earlier versions, so this rule applies to every version.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(e)(1)'],
  kinds: POD_KINDS,
  fix: 'Remove host from the probe or lifecycle handler, so the kubelet targets the pod\'s own IP.',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    for (const ref of pod.containers) {
      const c = ref.container;
      for (const probe of PROBES) {
        const handler = c[probe];
        if (handler !== undefined && handler !== null) checkHandler(ref, probe, handler, report);
      }
      const lifecycle = c.lifecycle;
      if (lifecycle === undefined || lifecycle === null) continue;
      for (let i = 0; i < HOOKS.length; i++) {
        const handler = lifecycle[HOOKS[i]];
        if (handler !== undefined && handler !== null) checkHandler(ref, HOOK_FIELDS[i], handler, report);
      }
    }
  },
};

/** Reports the host of a handler's httpGet and tcpSocket actions. */
function checkHandler(ref: ContainerRef, field: string, handler: any, report: Report): void {
  const httpHost = handler.httpGet?.host;
  if (httpHost !== undefined && httpHost !== null && httpHost !== '') reportHost(ref, `${field}.httpGet`, httpHost, report);
  const tcpHost = handler.tcpSocket?.host;
  if (tcpHost !== undefined && tcpHost !== null && tcpHost !== '') reportHost(ref, `${field}.tcpSocket`, tcpHost, report);
}

function reportHost(ref: ContainerRef, field: string, host: unknown, report: Report): void {
  const path = `${ref.path}.${field}.host`;
  report({
    path,
    message: `${containerLabel(ref)} sets ${field}.host to ${show(host)}, so the kubelet connects from the node to that host instead of to the pod`,
    fix: `Remove ${path}; the kubelet then targets the pod's IP. To check another service, do it from inside the container (e.g. an exec probe).`,
  });
}

import type { Report, Rule } from '../../../check/rule';
import { containerLabel, ContainerRef, podTemplate, POD_KINDS } from '../pod';
import { isObject, show } from './helpers';

/** Probe and lifecycle handler fields that carry a `host`, with their paths relative to the container. */
const HANDLERS: readonly (readonly [string, string | undefined])[] = [
  ['livenessProbe', undefined],
  ['readinessProbe', undefined],
  ['startupProbe', undefined],
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
];
const ACTIONS = ['httpGet', 'tcpSocket'] as const;

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
      for (const [field, hook] of HANDLERS) {
        let handler = ref.container[field];
        if (handler === undefined || handler === null) continue;
        if (hook !== undefined) handler = handler?.[hook];
        if (!isObject(handler)) continue;
        for (const action of ACTIONS) {
          const host = handler[action]?.host;
          if (host === undefined || host === null || host === '') continue;
          reportHost(ref, hook !== undefined ? `${field}.${hook}.${action}` : `${field}.${action}`, host, report);
        }
      }
    }
  },
};

function reportHost(ref: ContainerRef, field: string, host: unknown, report: Report): void {
  const path = `${ref.path}.${field}.host`;
  report({
    path,
    message: `${containerLabel(ref)} sets ${field}.host to ${show(host)}, so the kubelet connects from the node to that host instead of to the pod`,
    fix: `Remove ${path}; the kubelet then targets the pod's IP. To check another service, do it from inside the container (e.g. an exec probe).`,
  });
}

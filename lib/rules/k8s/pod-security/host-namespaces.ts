import type { Rule } from '../../../check/rule';
import { podTemplate, POD_KINDS } from '../pod';

interface HostNamespace {
  readonly field: 'hostNetwork' | 'hostPID' | 'hostIPC';
  /** What sharing it gives the pod, for messages. */
  readonly effect: string;
  /** What to do instead, for the fix. */
  readonly instead: string;
}

const HOST_NAMESPACES: readonly HostNamespace[] = [
  {
    field: 'hostNetwork',
    effect: 'it uses the node\'s network stack: it can listen on any node port, see the node\'s traffic and reach what the node can, and NetworkPolicies do not isolate it',
    instead: 'Expose the pod through a Service instead.',
  },
  {
    field: 'hostPID',
    effect: 'it can see every process on the node, read their environment and command lines, and signal them',
    instead: '',
  },
  {
    field: 'hostIPC',
    effect: 'it shares the node\'s IPC namespace and can read and write other processes\' shared memory',
    instead: '',
  },
];

/** PSS baseline, "Host Namespaces". */
export const hostNamespaces: Rule = {
  id: 'k8s-host-namespaces',
  title: 'Pods must not share the node\'s network, PID or IPC namespace',
  description:
    'Pod Security Standards (baseline), control "Host Namespaces": spec.hostNetwork, spec.hostPID and spec.hostIPC ' +
    'must be unset or false. Sharing a host namespace removes the isolation between the pod and the node: with the ' +
    'host network the pod bypasses NetworkPolicies and can sniff node traffic; with the host PID or IPC namespace it ' +
    'can inspect and interfere with every other process on the node, including those handling PHI.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)', '164.312(e)(1)'],
  kinds: POD_KINDS,
  fix: 'Remove spec.hostNetwork, spec.hostPID and spec.hostIPC from the pod spec (or set them to false).',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    for (const ns of HOST_NAMESPACES) {
      if (pod.spec[ns.field] !== true) continue;
      const path = `${pod.specPath}.${ns.field}`;
      report({
        path,
        message: `the pod sets ${ns.field}: true, so ${ns.effect}`,
        fix: `Remove ${path} (or set it to false).${ns.instead ? ` ${ns.instead}` : ''}`,
      });
    }
  },
};

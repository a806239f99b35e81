import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { exampleProbe, probeProblem, takesProbes } from './probes';

/** Long-running kinds: readiness gates traffic, which run-to-completion Jobs do not receive. */
const KINDS: readonly string[] = POD_KINDS.filter((k) => k !== 'Job' && k !== 'CronJob');

/** Traffic only to ready pods: Services route to a pod only when it says it is ready. */
export const readinessProbe: Rule = {
  id: 'k8s-readiness-probe',
  title: 'Containers of long-running workloads must have a readiness probe',
  description:
    'Without a readiness probe a pod receives Service traffic as soon as its process starts and keeps receiving it when it ' +
    'can no longer serve, so requests carrying PHI fail or time out during rollouts and incidents, and a rolling update ' +
    'cannot tell a broken version from a working one. Polaris (readinessProbeMissing), kube-score and Checkov (CKV_K8S_9) ' +
    'flag it. Applies to containers and restartable init containers (sidecars) of Pods, Deployments, StatefulSets, ' +
    'DaemonSets, ReplicaSets and ReplicationControllers; Jobs and CronJobs receive no Service traffic, and Kubernetes does not ' +
    'allow probes on other init containers or on ephemeral containers.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(B)'],
  kinds: KINDS,
  fix: 'Add readinessProbe to every container: a check that it can serve requests now, e.g. httpGet on /readyz.',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    for (const ref of pod.containers) {
      if (!takesProbes(ref)) continue;
      const probe = ref.container.readinessProbe;
      const path = `${ref.path}.readinessProbe`;
      if (probe === undefined || probe === null) {
        report({
          path,
          message: `${containerLabel(ref)} has no readinessProbe`,
          fix: `Add ${path}: ${exampleProbe(ref, '/readyz')}, answering ready only when the container can serve requests.`,
        });
        continue;
      }
      const problem = probeProblem(probe);
      if (problem) {
        report({
          path,
          message: `the readinessProbe of ${containerLabel(ref)} ${problem}`,
          fix: `Give ${path} exactly one of exec, httpGet, tcpSocket or grpc, e.g. ${exampleProbe(ref, '/readyz')}.`,
        });
      }
    }
  },
};

import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { exampleProbe, probeProblem, takesProbes } from './probes';

/** Self-healing: Kubernetes restarts a container that stops answering. */
export const livenessProbe: Rule = {
  id: 'k8s-liveness-probe',
  title: 'Containers must have a liveness probe',
  description:
    'Without a liveness probe Kubernetes only notices a container that exits, not one that deadlocks or hangs, so a ' +
    'stuck PHI service stays down until someone restarts it by hand. Polaris (livenessProbeMissing), kube-score and ' +
    'Checkov (CKV_K8S_8) flag it. Applies to containers and restartable init containers (sidecars, restartPolicy: Always); ' +
    'Kubernetes does not allow probes on other init containers or on ephemeral containers. For Jobs and CronJobs a ' +
    'liveness probe stops a hung run from holding the job forever.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(B)'],
  kinds: POD_KINDS,
  fix: 'Add livenessProbe to every container: a cheap check that the process itself is alive (not its dependencies), e.g. httpGet on /livez.',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    for (const ref of pod.containers) {
      if (!takesProbes(ref)) continue;
      const probe = ref.container.livenessProbe;
      const path = `${ref.path}.livenessProbe`;
      if (probe === undefined || probe === null) {
        report({
          path,
          message: `${containerLabel(ref)} has no livenessProbe`,
          fix: `Add ${path}: ${exampleProbe(ref, '/livez')}, checking only that the process itself is alive (not its dependencies).`,
        });
        continue;
      }
      const problem = probeProblem(probe);
      if (problem) {
        report({
          path,
          message: `the livenessProbe of ${containerLabel(ref)} ${problem}`,
          fix: `Give ${path} exactly one of exec, httpGet, tcpSocket or grpc, e.g. ${exampleProbe(ref, '/livez')}.`,
        });
      }
    }
  },
};

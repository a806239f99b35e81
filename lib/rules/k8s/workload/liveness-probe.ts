import type { Resource } from '../../../check/resource';
import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { exampleProbe, probeProblem, takesProbes } from './probes';
import { isObject } from '../support/objects';

/** Self-healing: Kubernetes restarts a container that stops answering. */
export const livenessProbe: Rule = {
  id: 'k8s-liveness-probe',
  title: 'Containers must have a liveness probe',
  description:
    'Without a liveness probe Kubernetes only notices a container that exits, not one that deadlocks or hangs, so a ' +
    'stuck PHI service stays down until someone restarts it by hand. Polaris (livenessProbeMissing), kube-score and ' +
    'Checkov (CKV_K8S_8) flag it. Applies to containers and restartable init containers (sidecars, restartPolicy: Always); ' +
    'Kubernetes does not allow probes on other init containers or on ephemeral containers. A Job or CronJob runs to ' +
    'completion: what stops a hung run from holding the job (and the PHI it reads) forever is either a liveness probe or ' +
    'the job\'s activeDeadlineSeconds, which ends the whole run; a Job with a deadline needs no probe, a probe given is ' +
    'still checked.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(B)'],
  kinds: POD_KINDS,
  fix: 'Add livenessProbe to every container: a cheap check that the process itself is alive (not its dependencies), e.g. httpGet on /livez.',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    const job = jobDeadline(resource);
    for (const ref of pod.containers) {
      if (!takesProbes(ref)) continue;
      const probe = ref.container.livenessProbe;
      const path = `${ref.path}.livenessProbe`;
      if (probe === undefined || probe === null) {
        if (job?.deadline) continue;
        const orDeadline = job ? `; or set ${job.path}: 3600 (seconds) so a hung run is ended` : '';
        report({
          path,
          message: `${containerLabel(ref)} has no livenessProbe${job ? ` and the ${resource.kind} sets no activeDeadlineSeconds` : ''}`,
          fix: `Add ${path}: ${exampleProbe(ref, '/livez')}, checking only that the process itself is alive (not its dependencies)${orDeadline}.`,
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

/**
 * For a Job or CronJob: the path of its job's activeDeadlineSeconds and whether it is set to a
 * positive whole number of seconds (undefined for long-running kinds).
 */
function jobDeadline(resource: Resource): { readonly path: string; readonly deadline: boolean } | undefined {
  let spec: unknown;
  let path: string;
  if (resource.kind === 'Job') {
    spec = resource.body.spec;
    path = 'spec.activeDeadlineSeconds';
  } else if (resource.kind === 'CronJob') {
    spec = resource.body.spec?.jobTemplate?.spec;
    path = 'spec.jobTemplate.spec.activeDeadlineSeconds';
  } else {
    return undefined;
  }
  const seconds = isObject(spec) ? spec.activeDeadlineSeconds : undefined;
  return { path, deadline: typeof seconds === 'number' && Number.isInteger(seconds) && seconds > 0 };
}

import type { Rule } from '../../../check/rule';
import { podTemplate, POD_KINDS } from '../pod';
import { findServiceAccount, serviceAccountNameOf } from './service-account';
import { isObject } from '../support/objects';

/** No API credentials where none are needed. */
export const serviceAccountToken: Rule = {
  id: 'k8s-service-account-token',
  title: 'Pods must not automount a service account token',
  description:
    'By default Kubernetes mounts a token for the pod\'s ServiceAccount into every container. Most workloads never call the ' +
    'Kubernetes API, and a token lying in the filesystem is the first thing an intruder uses to move from one compromised ' +
    'container to the cluster (CIS Kubernetes Benchmark 5.1.6, NSA/CISA Kubernetes Hardening Guidance, Checkov CKV_K8S_38). ' +
    'The pod must set automountServiceAccountToken: false; if it leaves it unset, the ServiceAccount it runs as must be among ' +
    'the checked objects and set automountServiceAccountToken: false, since otherwise Kubernetes mounts the token. A projected ' +
    'serviceAccountToken volume without an audience is the same API token by another route (a token for another audience, ' +
    'e.g. sts.amazonaws.com or vault, passes: the API server refuses it). A workload that must call the API waives this rule ' +
    'with a reason.',
  severity: 'error',
  controls: ['164.312(d)', '164.312(a)(1)', '164.308(a)(5)(ii)(C)'],
  kinds: POD_KINDS,
  fix:
    'Set automountServiceAccountToken: false on the pod spec. If the workload must call the Kubernetes API, waive ' +
    'k8s-service-account-token with a reason and grant its own ServiceAccount only the permissions it needs.',
  check(resource, ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    projectedApiTokens(pod.spec, pod.specPath, resource.kind, report);
    const own = pod.spec.automountServiceAccountToken;
    if (own === false) return;
    const path = `${pod.specPath}.automountServiceAccountToken`;
    const saName = serviceAccountNameOf(pod.spec) ?? 'default';
    const namespace = ctx.namespaceOf(resource);
    const fix =
      `Set ${path}: false. If the workload must call the Kubernetes API, waive k8s-service-account-token on this ` +
      `${resource.kind} with a reason and grant ServiceAccount '${saName}' only the permissions it needs.`;
    if (own !== undefined && own !== null) {
      report({ path, message: `the pod sets automountServiceAccountToken: ${JSON.stringify(own)}, so every container gets a token for ServiceAccount '${saName}'`, fix });
      return;
    }
    const sa = findServiceAccount(ctx, namespace, saName);
    if (sa === undefined) {
      report({
        path,
        message:
          `the pod does not set automountServiceAccountToken and its ServiceAccount '${namespace}/${saName}' is not among the checked ` +
          'objects, so Kubernetes mounts its token by default',
        fix,
      });
    } else if (sa.body.automountServiceAccountToken !== false) {
      const value = sa.body.automountServiceAccountToken;
      report({
        path,
        message:
          `the pod does not set automountServiceAccountToken and its ServiceAccount '${namespace}/${saName}' ` +
          `${value === undefined || value === null ? 'does not set it either' : `sets it to ${JSON.stringify(value)}`}, so its token is mounted into every container`,
        fix: `${fix} (Or set automountServiceAccountToken: false on ServiceAccount '${namespace}/${saName}'.)`,
      });
    }
  },
};

/**
 * Reports each projected serviceAccountToken source without an audience: its token is for the
 * API server (the default audience), whatever automountServiceAccountToken says.
 */
function projectedApiTokens(spec: Record<string, any>, specPath: string, kind: string, report: Parameters<Rule['check']>[2]): void {
  const volumes: unknown[] = Array.isArray(spec.volumes) ? spec.volumes : [];
  volumes.forEach((volume, i) => {
    if (!isObject(volume) || !isObject(volume.projected) || !Array.isArray(volume.projected.sources)) return;
    volume.projected.sources.forEach((source: unknown, j: number) => {
      if (!isObject(source) || !isObject(source.serviceAccountToken)) return;
      const audience = source.serviceAccountToken.audience;
      if (typeof audience === 'string' && audience !== '') return;
      const path = `${specPath}.volumes[${i}].projected.sources[${j}].serviceAccountToken`;
      report({
        path,
        message: `volume '${String(volume.name)}' projects a service account token without an audience, which makes it a token for the Kubernetes API`,
        fix:
          `Set ${path}.audience to the service that reads the token (e.g. sts.amazonaws.com or vault), or remove the source. If the workload ` +
          `must call the Kubernetes API, waive k8s-service-account-token on this ${kind} with a reason.`,
      });
    });
  });
}

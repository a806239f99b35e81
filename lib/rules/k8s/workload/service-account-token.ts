import type { Rule } from '../../../check/rule';
import { podTemplate, POD_KINDS } from '../pod';
import { findServiceAccount, serviceAccountNameOf } from './service-account';

/** No API credentials where none are needed. */
export const serviceAccountToken: Rule = {
  id: 'k8s-service-account-token',
  title: 'Pods must not automount a service account token',
  description:
    'By default Kubernetes mounts a token for the pod\'s ServiceAccount into every container. Most workloads never call the ' +
    'Kubernetes API, and a token lying in the filesystem is the first thing an intruder uses to move from one compromised ' +
    'container to the cluster (CIS Kubernetes Benchmark 5.1.6, NSA/CISA Kubernetes Hardening Guidance, Checkov CKV_K8S_38). ' +
    'The pod must set automountServiceAccountToken: false; if it leaves it unset, the ServiceAccount it runs as must be among ' +
    'the checked objects and set automountServiceAccountToken: false, since otherwise Kubernetes mounts the token. A workload ' +
    'that must call the API waives this rule with a reason.',
  severity: 'error',
  controls: ['164.312(d)', '164.312(a)(1)', '164.308(a)(5)(ii)(C)'],
  kinds: POD_KINDS,
  fix:
    'Set automountServiceAccountToken: false on the pod spec. If the workload must call the Kubernetes API, waive ' +
    'k8s-service-account-token with a reason and grant its own ServiceAccount only the permissions it needs.',
  check(resource, ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
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

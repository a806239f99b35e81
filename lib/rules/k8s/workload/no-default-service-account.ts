import type { Rule } from '../../../check/rule';
import { podTemplate, POD_KINDS } from '../pod';
import { serviceAccountNameOf } from './service-account';

/** Unique identity: every workload runs as its own ServiceAccount. */
export const noDefaultServiceAccount: Rule = {
  id: 'k8s-no-default-service-account',
  title: "Workloads must run as their own ServiceAccount, not the namespace's 'default'",
  description:
    "Every pod that names no ServiceAccount runs as the namespace's 'default' one, so their API calls, audit-log entries and " +
    'RBAC permissions are indistinguishable: a grant meant for one workload goes to all of them, and an auditor cannot tell ' +
    'which workload touched what (CIS Kubernetes Benchmark 5.1.5, kube-score, Checkov CKV_K8S_41). Give each workload its ' +
    'own ServiceAccount.',
  severity: 'error',
  controls: ['164.312(a)(2)(i)', '164.308(a)(1)(ii)(D)'],
  kinds: POD_KINDS,
  fix: 'Create a ServiceAccount for the workload (automountServiceAccountToken: false) and set serviceAccountName to it on the pod spec.',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    const name = serviceAccountNameOf(pod.spec);
    if (name !== undefined && name !== 'default') return;
    const path = `${pod.specPath}.serviceAccountName`;
    const suggestion = resource.name ? `'${resource.name}'` : 'the workload';
    report({
      path,
      message:
        name === undefined
          ? "the pod names no serviceAccountName, so it runs as the namespace's 'default' ServiceAccount"
          : "the pod runs as the namespace's 'default' ServiceAccount",
      fix: `Create a ServiceAccount for ${suggestion} (with automountServiceAccountToken: false) and set ${path} to its name.`,
    });
  },
};

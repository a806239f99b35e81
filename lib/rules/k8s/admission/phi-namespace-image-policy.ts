import { imagePolicies, selectsNamespace } from './image-policies';
import type { Rule } from '../../../check/rule';
import { PHI_LABEL } from '../../../labels';
import { namespacePhiBasis } from '../phi-classification';

/** Every PHI namespace is covered by an enforcing image admission policy of the set. */
export const phiNamespaceImagePolicy: Rule = {
  id: 'k8s-phi-namespace-image-policy',
  title: 'PHI namespaces must be covered by an enforcing image admission policy',
  description:
    'When the checked set holds image admission policies (a ValidatingAdmissionPolicyBinding whose ValidatingAdmissionPolicy ' +
    'matches Pods and checks container images, or a Kyverno ImageValidatingPolicy matching Pods), each Namespace that counts ' +
    'as PHI must be selected by one that enforces: its namespace selectors select the namespace, it has no objectSelector, its ' +
    'validationActions include Deny and its failurePolicy is not Ignore. Without one, an unpinned, unsigned or foreign image ' +
    'is admitted next to PHI; the rules on manifests see only what is in the repository, admission sees everything that is ' +
    'applied (NIST SP 800-190 4.1, 4.2). When the set holds no image policy at all, k8s-phi-namespace-image-policy-unverified ' +
    'warns instead.',
  severity: 'error',
  controls: ['164.312(c)(1)', '164.312(c)(2)'],
  kinds: ['Namespace'],
  fix: 'Cover the namespace with an ImagePolicy (hipaa-constructs/cdk8s): it selects namespaces labelled hipaa-constructs.io/phi: "true", and others given in its namespaces prop. Or widen the namespaceSelector of an existing binding or ImageValidatingPolicy.',
  check(resource, ctx, report) {
    const policies = imagePolicies(ctx);
    if (policies.length === 0) return;
    const basis = namespacePhiBasis(ctx, resource.name);
    if (basis === undefined) return;
    const selecting = policies.filter((p) => selectsNamespace(p, resource));
    if (selecting.some((p) => p.weakness === undefined)) return;
    const why = basis === 'labelled' ? `is labelled ${PHI_LABEL}: "true"` : `has no ${PHI_LABEL} label of "true" or "false" (unclassified, it counts as PHI)`;
    const detail = selecting.length > 0
      ? `the image policies that select it do not enforce: ${selecting.map((p) => `${p.label}: ${p.weakness}`).join('; ')}`
      : `none of the ${policies.length} image polic${policies.length > 1 ? 'ies' : 'y'} (${policies.map((p) => p.label).join(', ')}) selects it for all its pods`;
    report({ path: 'metadata.name', message: `Namespace '${resource.name}' ${why} but ${detail}` });
  },
};

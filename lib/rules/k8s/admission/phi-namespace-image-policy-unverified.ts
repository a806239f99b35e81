import { imagePolicies } from './image-policies';
import type { Rule } from '../../../check/rule';
import { PHI_LABEL } from '../../../labels';
import { namespacePhiBasis } from '../phi-classification';

/** Without any image policy in the set, PHI namespaces are reported for someone to verify their admission checks. */
export const phiNamespaceImagePolicyUnverified: Rule = {
  id: 'k8s-phi-namespace-image-policy-unverified',
  title: 'PHI namespaces should be checked together with the image admission policy that covers them',
  description:
    'When the checked set holds no image admission policy at all (no ValidatingAdmissionPolicyBinding of a ' +
    'ValidatingAdmissionPolicy that checks container images, no Kyverno ImageValidatingPolicy), the check cannot tell whether ' +
    'the Namespaces that count as PHI refuse unpinned, unsigned or foreign images at admission. The policy may live in a ' +
    'platform repository, so each such namespace is reported as a warning. Include the policies in the input (then ' +
    'k8s-phi-namespace-image-policy checks their coverage), or record where the policy is defined in a waiver reason.',
  severity: 'warning',
  controls: ['164.312(c)(1)'],
  kinds: ['Namespace'],
  fix: 'Add an ImagePolicy (hipaa-constructs/cdk8s) to the app or check it together with the platform repository that defines the image policy; or waive this finding naming the policy that covers the namespace.',
  check(resource, ctx, report) {
    if (imagePolicies(ctx).length > 0) return;
    const basis = namespacePhiBasis(ctx, resource.name);
    if (basis === undefined) return;
    const why = basis === 'labelled' ? `is labelled ${PHI_LABEL}: "true"` : `has no ${PHI_LABEL} label of "true" or "false" (unclassified, it counts as PHI)`;
    report({ path: 'metadata.name', message: `Namespace '${resource.name}' ${why} and no image admission policy is in the checked set: whether it refuses unpinned, unsigned or foreign images cannot be verified` });
  },
};

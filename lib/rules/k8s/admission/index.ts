import { imagePolicyEnforced } from './image-policy-enforced';
import { phiNamespaceImagePolicy } from './phi-namespace-image-policy';
import { phiNamespaceImagePolicyUnverified } from './phi-namespace-image-policy-unverified';
import type { RulePack } from '../../../check/rule';

/** Admission control: PHI namespaces refuse unpinned, unsigned and foreign images before they run. */
export const admissionPack: RulePack = {
  name: 'kubernetes-admission',
  description:
    'Admission control: every PHI namespace is covered by an image admission policy (a ValidatingAdmissionPolicy with its ' +
    'binding, or a Kyverno ImageValidatingPolicy) that denies and fails closed.',
  rules: [phiNamespaceImagePolicy, phiNamespaceImagePolicyUnverified, imagePolicyEnforced],
};

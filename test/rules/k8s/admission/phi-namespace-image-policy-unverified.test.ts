import { binding, ivp, vap } from './fixtures';
import { PHI_LABEL } from '../../../../lib/labels';
import { phiNamespaceImagePolicyUnverified } from '../../../../lib/rules/k8s/admission/phi-namespace-image-policy-unverified';
import { namespace } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

describe('k8s-phi-namespace-image-policy-unverified', () => {
  test('warns for a PHI namespace when the set holds no image policy', () => {
    const result = runRule(phiNamespaceImagePolicyUnverified, [namespace]);
    expect(result.unwaived.map((f) => `${f.severity} ${f.path}: ${f.message}`)).toEqual([
      `warning metadata.name: Namespace 'clinic' is labelled ${PHI_LABEL}: "true" and no image admission policy is in the checked set: whether it refuses unpinned, unsigned or foreign images cannot be verified`,
    ]);
    expect(result.passed).toBe(true);
  });

  test('warns when the only admission objects are no image policy (a binding without its policy, a policy without images)', () => {
    const noImages = vap('images', { validations: [{ expression: "'team' in object.metadata.labels" }] });
    expect(violations(phiNamespaceImagePolicyUnverified, [namespace, binding()])).toHaveLength(1);
    expect(violations(phiNamespaceImagePolicyUnverified, [namespace, noImages, binding()])).toHaveLength(1);
  });

  test('is silent once an image policy is in the set (k8s-phi-namespace-image-policy judges coverage), and for namespaces not PHI', () => {
    expect(violations(phiNamespaceImagePolicyUnverified, [namespace, vap(), binding()])).toEqual([]);
    expect(violations(phiNamespaceImagePolicyUnverified, [namespace, ivp()])).toEqual([]);
    const other = binding('billing', { matchResources: { namespaceSelector: { matchLabels: { team: 'billing' } } } });
    expect(violations(phiNamespaceImagePolicyUnverified, [namespace, vap(), other])).toEqual([]);
    const pub = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'public', labels: { [PHI_LABEL]: 'false' } } };
    expect(violations(phiNamespaceImagePolicyUnverified, [pub])).toEqual([]);
    const unlabelled = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'clinic' } };
    expect(violations(phiNamespaceImagePolicyUnverified, [unlabelled])).toHaveLength(1);
    expect(violations(phiNamespaceImagePolicyUnverified, [unlabelled], { unclassifiedIsPhi: false })).toEqual([]);
  });
});

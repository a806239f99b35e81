import { binding, ivp, vap } from './fixtures';
import { PHI_LABEL } from '../../../../lib/labels';
import { phiNamespaceImagePolicy } from '../../../../lib/rules/k8s/admission/phi-namespace-image-policy';
import { namespace } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

const LABELLED = `Namespace 'clinic' is labelled ${PHI_LABEL}: "true"`;

describe('k8s-phi-namespace-image-policy', () => {
  test('flags a PHI namespace no image policy selects, as an error', () => {
    const other = binding('images-billing', { matchResources: { namespaceSelector: { matchLabels: { team: 'billing' } } } });
    const result = runRule(phiNamespaceImagePolicy, [namespace, vap(), other]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      `metadata.name: ${LABELLED} but none of the 1 image policy (ValidatingAdmissionPolicyBinding 'images-billing' (policy 'images')) selects it for all its pods`,
    ]);
    expect(result.unwaived[0].severity).toBe('error');
    expect(result.passed).toBe(false);
  });

  test('flags a PHI namespace whose policies only warn or fail open, naming why', () => {
    expect(violations(phiNamespaceImagePolicy, [namespace, vap(), binding('images-phi', { validationActions: ['Warn', 'Audit'] })])).toEqual([
      `metadata.name: ${LABELLED} but the image policies that select it do not enforce: ValidatingAdmissionPolicyBinding 'images-phi' (policy 'images'): validationActions [Warn, Audit] without Deny (violations are admitted)`,
    ]);
    expect(violations(phiNamespaceImagePolicy, [namespace, vap('images', { failurePolicy: 'Ignore' }), binding()])).toEqual([
      `metadata.name: ${LABELLED} but the image policies that select it do not enforce: ValidatingAdmissionPolicyBinding 'images-phi' (policy 'images'): policy 'images' has failurePolicy Ignore (admitted when it cannot be evaluated)`,
    ]);
    expect(violations(phiNamespaceImagePolicy, [namespace, ivp('signatures', { failurePolicy: 'Ignore' })])).toEqual([
      `metadata.name: ${LABELLED} but the image policies that select it do not enforce: ImageValidatingPolicy 'signatures': failurePolicy Ignore (admitted when Kyverno cannot verify or is down)`,
    ]);
  });

  test('flags a namespace selected only for some pods (objectSelector), or by a policy that excludes pods', () => {
    const partial = binding('images-phi', { matchResources: { namespaceSelector: { matchLabels: { [PHI_LABEL]: 'true' } }, objectSelector: { matchLabels: { checked: 'yes' } } } });
    expect(violations(phiNamespaceImagePolicy, [namespace, vap(), partial, ivp('other', { matchConstraints: { resourceRules: [] } })])).toEqual([
      `metadata.name: ${LABELLED} but none of the 1 image policy (ValidatingAdmissionPolicyBinding 'images-phi' (policy 'images')) selects it for all its pods`,
    ]);
    const excluding = binding('images-phi', {
      matchResources: { namespaceSelector: {}, excludeResourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['*'], resources: ['pods'] }] },
    });
    // The binding excludes pods, so it is no image policy at all; the Kyverno one is, and selects another namespace.
    expect(violations(phiNamespaceImagePolicy, [namespace, vap(), excluding, ivp('other', { matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }], namespaceSelector: { matchLabels: { team: 'x' } } } })])).toEqual([
      `metadata.name: ${LABELLED} but none of the 1 image policy (ImageValidatingPolicy 'other') selects it for all its pods`,
    ]);
  });

  test('passes a namespace selected by label, by name, by an empty selector or no selector, natively or with Kyverno', () => {
    const byName = binding('images-named', { matchResources: { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['clinic'] }] } } });
    for (const set of [
      [vap(), binding()],
      [vap(), byName],
      [vap(), binding('all', { matchResources: { namespaceSelector: {} } })],
      [vap(), binding('all', { matchResources: undefined })],
      [vap('images', {}, 'admissionregistration.k8s.io/v1beta1'), binding()],
      [ivp()],
      [vap(), binding('warn', { validationActions: ['Warn'] }), ivp()],
    ]) {
      expect(violations(phiNamespaceImagePolicy, [namespace, ...set])).toEqual([]);
    }
  });

  test('a binding whose policy is not in the set, or a policy that does not check images, is no image policy (nothing to judge)', () => {
    const noImages = vap('images', { validations: [{ expression: "has(object.metadata.labels) && 'team' in object.metadata.labels" }] });
    const other = ivp('other', { matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }], namespaceSelector: { matchLabels: { team: 'x' } } } });
    expect(violations(phiNamespaceImagePolicy, [namespace, binding(), other])).toEqual([
      `metadata.name: ${LABELLED} but none of the 1 image policy (ImageValidatingPolicy 'other') selects it for all its pods`,
    ]);
    expect(violations(phiNamespaceImagePolicy, [namespace, noImages, binding(), other])).toHaveLength(1);
    // With no image policy at all, this rule is silent (k8s-phi-namespace-image-policy-unverified warns).
    expect(violations(phiNamespaceImagePolicy, [namespace, noImages, binding()])).toEqual([]);
  });

  test('says when the namespace counts as PHI because it is unclassified; passes namespaces classified not PHI', () => {
    const unlabelled = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'clinic' } };
    expect(violations(phiNamespaceImagePolicy, [unlabelled, vap(), binding()])).toEqual([
      `metadata.name: Namespace 'clinic' has no ${PHI_LABEL} label of "true" or "false" (unclassified, it counts as PHI) but none of the 1 image policy (ValidatingAdmissionPolicyBinding 'images-phi' (policy 'images')) selects it for all its pods`,
    ]);
    expect(violations(phiNamespaceImagePolicy, [unlabelled, vap(), binding()], { unclassifiedIsPhi: false })).toEqual([]);
    const pub = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'public', labels: { [PHI_LABEL]: 'false' } } };
    expect(violations(phiNamespaceImagePolicy, [pub, vap(), binding()])).toEqual([]);
  });
});

import { validateAdmissionPolicies } from './admission-schema';

const binding = {
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingAdmissionPolicyBinding',
  metadata: { name: 'b' },
  spec: { policyName: 'p', validationActions: ['Deny'], matchResources: { namespaceSelector: { matchLabels: { a: 'b' } } } },
};

describe('validateAdmissionPolicies', () => {
  test('passes a valid v1 binding', () => {
    expect(validateAdmissionPolicies([binding])).toEqual([]);
  });

  test('reports a wrong type, an unknown enum value and a missing required field (v1 schema)', () => {
    const policy = {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: 'p' },
      spec: { failurePolicy: 'Sometimes', validations: [{ expression: 1 }], variables: [{ name: 'a' }] },
    };
    const lines = validateAdmissionPolicies([policy]);
    expect(lines.filter((l) => l.includes('(v1 schema)'))).toEqual([
      'ValidatingAdmissionPolicy p (v1 schema): data/spec/failurePolicy must be equal to one of the allowed values, data/spec/validations/0/expression must be string, data/spec/variables/0 must have required property expression',
    ]);
  });

  test('reports an unknown field (strict) and another apiVersion', () => {
    const extra = { ...binding, spec: { ...binding.spec, validationAction: ['Deny'] } };
    expect(validateAdmissionPolicies([extra])).toEqual(['ValidatingAdmissionPolicyBinding b (strict, as 1.28 v1beta1): spec.validationAction: unknown field']);
    expect(validateAdmissionPolicies([{ ...binding, apiVersion: 'admissionregistration.k8s.io/v1beta1' }])).toEqual([
      'ValidatingAdmissionPolicyBinding b: apiVersion admissionregistration.k8s.io/v1beta1, expected admissionregistration.k8s.io/v1',
    ]);
  });
});

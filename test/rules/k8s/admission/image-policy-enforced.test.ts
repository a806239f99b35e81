import { binding, ivp, vap } from './fixtures';
import { imagePolicyEnforced } from '../../../../lib/rules/k8s/admission/image-policy-enforced';
import { runRule, violations } from '../../../helpers/rule-test';

describe('k8s-image-policy-enforced', () => {
  test('flags a binding of an image policy that only warns or audits', () => {
    const result = runRule(imagePolicyEnforced, [vap(), binding('images-phi', { validationActions: ['Warn', 'Audit'] })]);
    expect(result.unwaived.map((f) => `${f.resource.kind}/${f.resource.name} ${f.path}: ${f.message}`)).toEqual([
      "ValidatingAdmissionPolicyBinding/images-phi spec.validationActions: ValidatingAdmissionPolicyBinding 'images-phi' (policy 'images') does not enforce: validationActions [Warn, Audit] without Deny (violations are admitted)",
    ]);
    expect(result.passed).toBe(false);
    expect(violations(imagePolicyEnforced, [vap(), binding('images-phi', { validationActions: [] })])).toEqual([
      "spec.validationActions: ValidatingAdmissionPolicyBinding 'images-phi' (policy 'images') does not enforce: no validationActions (Deny is required to refuse)",
    ]);
  });

  test('flags a binding whose policy fails open, and a Kyverno policy that audits or fails open', () => {
    expect(violations(imagePolicyEnforced, [vap('images', { failurePolicy: 'Ignore' }), binding()])).toEqual([
      "spec.failurePolicy: ValidatingAdmissionPolicyBinding 'images-phi' (policy 'images') does not enforce: policy 'images' has failurePolicy Ignore (admitted when it cannot be evaluated)",
    ]);
    expect(violations(imagePolicyEnforced, [ivp('signatures', { validationActions: ['Audit'], failurePolicy: 'Ignore' })])).toEqual([
      "spec.validationActions: ImageValidatingPolicy 'signatures' does not enforce: validationActions [Audit] without Deny (violations are admitted); failurePolicy Ignore (admitted when Kyverno cannot verify or is down)",
    ]);
  });

  test('flags a binding whose paramRef admits when its parameters are missing (parameterNotFoundAction Allow); Deny or unset passes', () => {
    const paramRef = (action?: string) => ({ name: 'allowed-registries', namespace: 'policy-params', ...(action ? { parameterNotFoundAction: action } : {}) });
    expect(violations(imagePolicyEnforced, [vap(), binding('images-phi', { paramRef: paramRef('Allow') })])).toEqual([
      "spec.paramRef.parameterNotFoundAction: ValidatingAdmissionPolicyBinding 'images-phi' (policy 'images') does not enforce: " +
        'paramRef.parameterNotFoundAction Allow (admitted whenever its parameters are missing)',
    ]);
    expect(violations(imagePolicyEnforced, [vap(), binding('images-phi', { paramRef: paramRef('Deny') }), binding('b2', { paramRef: paramRef() })])).toEqual([]);
  });

  test('passes Deny (alone or with Audit/Warn) and failurePolicy Fail or unset; ignores bindings of policies that do not check images', () => {
    expect(violations(imagePolicyEnforced, [vap(), binding(), binding('b2', { validationActions: ['Deny', 'Audit', 'Warn'] })])).toEqual([]);
    const { failurePolicy: _f, ...rest } = vap().spec;
    expect(violations(imagePolicyEnforced, [{ ...vap(), spec: rest }, binding()])).toEqual([]);
    expect(violations(imagePolicyEnforced, [ivp(), ivp('s2', { validationActions: ['Deny', 'Audit'] })])).toEqual([]);
    // Kyverno defaults absent validationActions to [Deny].
    expect(violations(imagePolicyEnforced, [ivp('s3', { validationActions: undefined })])).toEqual([]);
    const labelsOnly = vap('labels', { validations: [{ expression: "'team' in object.metadata.labels" }] });
    expect(violations(imagePolicyEnforced, [labelsOnly, binding('labels', { validationActions: ['Warn'] }, 'labels')])).toEqual([]);
  });
});

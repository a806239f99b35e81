import { imagePolicies } from './image-policies';
import type { Rule } from '../../../check/rule';

/** An image admission policy refuses what it finds: Deny, and failurePolicy Fail. */
export const imagePolicyEnforced: Rule = {
  id: 'k8s-image-policy-enforced',
  title: 'Image admission policies must deny, and fail closed',
  description:
    'An image admission policy (a ValidatingAdmissionPolicyBinding of a ValidatingAdmissionPolicy that checks container ' +
    'images, or a Kyverno ImageValidatingPolicy) whose validationActions lack Deny only warns or audits: the unpinned, ' +
    'unsigned or foreign image runs anyway. With failurePolicy Ignore, every request is admitted whenever the policy cannot ' +
    'be evaluated (a CEL error, Kyverno down or the registry unreachable for signature look-ups), which an attacker can ' +
    'provoke. A binding whose paramRef has parameterNotFoundAction Allow admits every request while its parameters are missing ' +
    '(deleted or never created). Audit or Warn may accompany Deny. A staged roll-out that starts with Warn is a waiver with an expiry.',
  severity: 'error',
  controls: ['164.312(c)(1)'],
  kinds: ['ValidatingAdmissionPolicyBinding', 'ImageValidatingPolicy'],
  fix: 'Set validationActions to [Deny, Audit] (or [Deny]) and failurePolicy to Fail (on the ValidatingAdmissionPolicy for a binding), and a binding\'s ' +
    'paramRef.parameterNotFoundAction to Deny (the default); ImagePolicy (hipaa-constructs/cdk8s) writes both.',
  check(resource, ctx, report) {
    const policy = imagePolicies(ctx).find((p) => p.resource === resource);
    if (policy?.weakness === undefined) return;
    const path = policy.weakness.includes('validationActions') ? 'spec.validationActions'
      : policy.weakness.startsWith('paramRef') ? 'spec.paramRef.parameterNotFoundAction' : 'spec.failurePolicy';
    report({ path, message: `${policy.label} does not enforce: ${policy.weakness}` });
  },
};

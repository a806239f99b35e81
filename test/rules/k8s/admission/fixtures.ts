/** Image admission policies, as plain manifests, for the admission rules' tests. */
import { PHI_LABEL } from '../../../../lib/labels';

const PODS = { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods'] };

/** A ValidatingAdmissionPolicy that checks images of Pods. */
export function vap(name = 'images', spec: Record<string, unknown> = {}, apiVersion = 'admissionregistration.k8s.io/v1'): any {
  return {
    apiVersion,
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: { resourceRules: [PODS] },
      validations: [{ expression: "object.spec.containers.all(c, c.image.contains('@sha256:'))" }],
      ...spec,
    },
  };
}

/** A binding of policy `policyName` to namespaces labelled PHI, with Deny. */
export function binding(name = 'images-phi', spec: Record<string, unknown> = {}, policyName = 'images'): any {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name },
    spec: { policyName, validationActions: ['Deny'], matchResources: { namespaceSelector: { matchLabels: { [PHI_LABEL]: 'true' } } }, ...spec },
  };
}

/** A Kyverno ImageValidatingPolicy for Pods of namespaces labelled PHI, with Deny. */
export function ivp(name = 'signatures', spec: Record<string, unknown> = {}): any {
  return {
    apiVersion: 'policies.kyverno.io/v1',
    kind: 'ImageValidatingPolicy',
    metadata: { name },
    spec: {
      validationActions: ['Deny'],
      failurePolicy: 'Fail',
      matchConstraints: { resourceRules: [PODS], namespaceSelector: { matchLabels: { [PHI_LABEL]: 'true' } } },
      attestors: [{ name: 'cosign', cosign: { keyless: { identities: [{ issuer: 'https://token.actions.githubusercontent.com', subject: 'https://github.com/acme/api/.github/workflows/release.yml@refs/heads/main' }] } } }],
      validations: [{ expression: 'images.containers.all(image, verifyImageSignatures(image, [attestors.cosign]) > 0)' }],
      ...spec,
    },
  };
}

/** A compliant native image policy: the policy and its binding. */
export function compliantAdmission(): object[] {
  return [vap(), binding()];
}

import { binding, ivp, vap } from './fixtures';
import { imageAdmissionValidations, imageAdmissionVariables } from '../../../../lib/cdk8s/image-policy-cel';
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

  test('a Kyverno ImageValidatingPolicy without validationActions enforces (Kyverno defaults them to Deny); one with Audit only does not', () => {
    expect(violations(phiNamespaceImagePolicy, [namespace, ivp('signatures', { validationActions: undefined })])).toEqual([]);
    expect(violations(phiNamespaceImagePolicy, [namespace, ivp('signatures', { validationActions: [] })])).toEqual([]);
    expect(violations(phiNamespaceImagePolicy, [namespace, ivp('signatures', { validationActions: ['Audit'] })])).toEqual([
      `metadata.name: ${LABELLED} but the image policies that select it do not enforce: ImageValidatingPolicy 'signatures': validationActions [Audit] without Deny (violations are admitted)`,
    ]);
    // A binding has no such default (the API server requires validationActions).
    expect(violations(phiNamespaceImagePolicy, [namespace, vap(), binding('images-phi', { validationActions: undefined })])).toEqual([
      `metadata.name: ${LABELLED} but the image policies that select it do not enforce: ValidatingAdmissionPolicyBinding 'images-phi' (policy 'images'): no validationActions (Deny is required to refuse)`,
    ]);
  });

  test('a binding whose paramRef admits when its parameters are missing does not cover the namespace', () => {
    const allow = binding('images-phi', { paramRef: { name: 'allowed-registries', namespace: 'policy-params', parameterNotFoundAction: 'Allow' } });
    expect(violations(phiNamespaceImagePolicy, [namespace, vap(), allow])).toEqual([
      `metadata.name: ${LABELLED} but the image policies that select it do not enforce: ValidatingAdmissionPolicyBinding 'images-phi' (policy 'images'): ` +
        'paramRef.parameterNotFoundAction Allow (admitted whenever its parameters are missing)',
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

  describe('Kyverno matchImageReferences (Kyverno verifies only the images they match)', () => {
    /** A native policy in ImagePolicy's form, restricting images to `registries`. */
    const restricting = (...registries: string[]) => vap('images', { variables: imageAdmissionVariables(registries), validations: imageAdmissionValidations() });
    const narrow = (...globs: string[]) => ivp('signatures', { matchImageReferences: globs.map((glob) => ({ glob })) });
    const GAP = 'so images from other registries are admitted without verification';

    test('flags a Kyverno policy matching only ghcr.io/* when nothing restricts the registries', () => {
      expect(violations(phiNamespaceImagePolicy, [namespace, narrow('ghcr.io/*')])).toEqual([
        `metadata.name: ${LABELLED} but its Kyverno image policies verify only the images their matchImageReferences match ` +
          "(ImageValidatingPolicy 'signatures': glob ghcr.io/*) and no enforcing ValidatingAdmissionPolicy selecting it restricts images " +
          `to registries those references match, ${GAP}`,
      ]);
      // A native policy that checks digests but not registries does not close the gap.
      expect(violations(phiNamespaceImagePolicy, [namespace, vap(), binding(), narrow('ghcr.io/*')])).toHaveLength(1);
    });

    test('flags a native registry restriction that admits a registry the references do not match', () => {
      expect(violations(phiNamespaceImagePolicy, [namespace, restricting('ghcr.io/acme', 'docker.io/library'), binding(), narrow('ghcr.io/*')])).toEqual([
        `metadata.name: ${LABELLED} but its Kyverno image policies verify only the images their matchImageReferences match ` +
          "(ImageValidatingPolicy 'signatures': glob ghcr.io/*) and the registries its ValidatingAdmissionPolicies allow are not all matched " +
          `(ValidatingAdmissionPolicyBinding 'images-phi' (policy 'images') allows 'docker.io/library/'), ${GAP}`,
      ]);
    });

    test('a restriction that does not enforce (Warn) or does not select the namespace does not count', () => {
      expect(violations(phiNamespaceImagePolicy, [namespace, restricting('ghcr.io'), binding('images-phi', { validationActions: ['Warn'] }), narrow('ghcr.io/*')])).toHaveLength(1);
      expect(violations(phiNamespaceImagePolicy, [
        namespace, restricting('ghcr.io'), binding('images-phi', { matchResources: { namespaceSelector: { matchLabels: { team: 'x' } } } }), narrow('ghcr.io/*'),
      ])).toHaveLength(1);
    });

    test('expressions and globs other than <literal>* match nothing the check can show', () => {
      for (const ref of [{ expression: "image.startsWith('ghcr.io/')" }, { glob: 'ghcr.io/*/app*' }, { glob: 'ghcr.io/acme/ap?' }, { glob: 'ghcr.io/acme/app' }, { glob: '{ghcr.io,quay.io}/*' }]) {
        expect(violations(phiNamespaceImagePolicy, [namespace, restricting('ghcr.io/acme'), binding(), ivp('signatures', { matchImageReferences: [ref] })])).toHaveLength(1);
      }
    });

    test('passes references that match every image: none, an empty list, `*` or `**`', () => {
      for (const refs of [undefined, [], [{ glob: '*' }], [{ glob: '**' }], [{ glob: 'ghcr.io/*' }, { glob: '*' }]]) {
        expect(violations(phiNamespaceImagePolicy, [namespace, ivp('signatures', { matchImageReferences: refs })])).toEqual([]);
      }
    });

    test('passes narrow references when an enforcing native policy restricts images to registries they match (what ImagePolicy writes)', () => {
      expect(violations(phiNamespaceImagePolicy, [namespace, restricting('ghcr.io/acme', 'registry.example.com:5000'), binding(),
        narrow('ghcr.io/acme/*', 'registry.example.com:5000/*')])).toEqual([]);
      // A shorter glob matches the longer allowed prefix; two Kyverno policies match together.
      expect(violations(phiNamespaceImagePolicy, [namespace, restricting('ghcr.io/acme', 'quay.io/acme'), binding(),
        narrow('ghcr.io/*'), ivp('quay', { matchImageReferences: [{ glob: 'quay.io/acme/*' }] })])).toEqual([]);
      // A Kyverno policy matching every image beside a narrow one covers the rest.
      expect(violations(phiNamespaceImagePolicy, [namespace, narrow('ghcr.io/*'), ivp('all')])).toEqual([]);
    });

    test('the glob must match at the allowed prefix: ghcr.io/acme-evil/* does not match the allowed ghcr.io/acme/', () => {
      expect(violations(phiNamespaceImagePolicy, [namespace, restricting('ghcr.io/acme'), binding(), narrow('ghcr.io/acme-evil/*')])).toHaveLength(1);
    });
  });
});

import { imagePolicies, selectsNamespace, type ImagePolicyObject } from './image-policies';
import { referencesMatchPrefix } from './image-references';
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
    'validationActions include Deny (a Kyverno policy without validationActions gets Kyverno\'s default, Deny) and its failurePolicy is not Ignore. Without one, an unpinned, unsigned or foreign image ' +
    'is admitted next to PHI; the rules on manifests see only what is in the repository, admission sees everything that is ' +
    'applied (NIST SP 800-190 4.1, 4.2). A Kyverno ImageValidatingPolicy verifies only the images its spec.matchImageReferences ' +
    'match (absent or empty: every image; a glob\'s `*` also matches `/`) and admits the others unverified; so when enforcing ' +
    'Kyverno policies select the namespace, together they must match every image: a reference `*`, or none, or `<prefix>*` ' +
    'globs that match every registry prefix an enforcing ValidatingAdmissionPolicy selecting the namespace restricts images to ' +
    '(the allowed-registry check ImagePolicy writes: `registry.example.com/` is matched by the glob `registry.example.com/*`). ' +
    'CEL expression references and other globs cannot be judged here and count as matching nothing. When the set holds no ' +
    'image policy at all, k8s-phi-namespace-image-policy-unverified warns instead.',
  severity: 'error',
  controls: ['164.312(c)(1)', '164.312(c)(2)'],
  kinds: ['Namespace'],
  fix: 'Cover the namespace with an ImagePolicy (hipaa-constructs/cdk8s): it selects namespaces labelled hipaa-constructs.io/phi: "true", and others given in its namespaces prop. Or widen the namespaceSelector of an existing binding or ImageValidatingPolicy. ' +
    'For a Kyverno policy whose matchImageReferences leave images unverified: remove matchImageReferences (every image is verified), ' +
    'or restrict the namespace\'s images natively to registries they match (an ImagePolicy with signatures writes both sides).',
  check(resource, ctx, report) {
    const policies = imagePolicies(ctx);
    if (policies.length === 0) return;
    const basis = namespacePhiBasis(ctx, resource.name);
    if (basis === undefined) return;
    const selecting = policies.filter((p) => selectsNamespace(p, resource));
    const why = basis === 'labelled' ? `is labelled ${PHI_LABEL}: "true"` : `has no ${PHI_LABEL} label of "true" or "false" (unclassified, it counts as PHI)`;
    const enforcing = selecting.filter((p) => p.weakness === undefined);
    if (enforcing.length > 0) {
      const gap = unverifiedImages(enforcing);
      if (gap !== undefined) report({ path: 'metadata.name', message: `Namespace '${resource.name}' ${why} but ${gap}` });
      return;
    }
    const detail = selecting.length > 0
      ? `the image policies that select it do not enforce: ${selecting.map((p) => `${p.label}: ${p.weakness}`).join('; ')}`
      : `none of the ${policies.length} image polic${policies.length > 1 ? 'ies' : 'y'} (${policies.map((p) => p.label).join(', ')}) selects it for all its pods`;
    report({ path: 'metadata.name', message: `Namespace '${resource.name}' ${why} but ${detail}` });
  },
};

/**
 * What the enforcing Kyverno policies selecting a namespace leave unverified, or undefined when
 * they (together) match every image it can admit, or when none selects it.
 */
function unverifiedImages(enforcing: readonly ImagePolicyObject[]): string | undefined {
  const kyverno = enforcing.filter((p) => p.references !== undefined);
  if (kyverno.length === 0 || kyverno.some((p) => p.references!.everyImage)) return undefined;
  const union = { everyImage: false, prefixes: kyverno.flatMap((p) => p.references!.prefixes), written: [] };
  const restricting = enforcing.filter((p) => p.allowedPrefixes !== undefined);
  if (restricting.some((p) => p.allowedPrefixes!.every((a) => referencesMatchPrefix(union, a)))) return undefined;
  const refs = kyverno.map((p) => `${p.label}: ${p.references!.written.join(', ')}`).join('; ');
  const natives = restricting.length === 0
    ? 'no enforcing ValidatingAdmissionPolicy selecting it restricts images to registries those references match'
    : `the registries its ValidatingAdmissionPolicies allow are not all matched (${restricting.map((p) =>
      `${p.label} allows ${p.allowedPrefixes!.filter((a) => !referencesMatchPrefix(union, a)).map((a) => `'${a}'`).join(', ')}`).join('; ')})`;
  return `its Kyverno image policies verify only the images their matchImageReferences match (${refs}) and ${natives}, ` +
    'so images from other registries are admitted without verification';
}

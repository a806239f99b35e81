/* eslint-disable @typescript-eslint/no-require-imports */
import { ApiObject, Chart, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { childPath } from './input-problems';
import { HipaaValidation } from './validation';
import type * as kyverno from '../imports/policies.kyverno.io';
import { PHI_LABEL } from '../labels';
import { clusterScoped } from './cluster-scoped';

// Loaded on first use: the generated Kyverno classes are ~3.7k lines, the prop checks pull in rule
// helpers (test/entry-points.test.ts pins what the cdk8s entry loads).
const kyvernoClasses = (): typeof kyverno => require('../imports/policies.kyverno.io');
const imagePolicyProps = (): typeof import('./image-policy-props') => require('./image-policy-props');
const imagePolicyCel = (): typeof import('./image-policy-cel') => require('./image-policy-cel');

/**
 * How {@link ImagePolicy} verifies image signatures with Kyverno (a `policies.kyverno.io/v1`
 * ImageValidatingPolicy). Give `publicKey`, or `keylessIssuer` and `keylessSubject`.
 */
export interface ImageSignatureProps {
  /**
   * The cosign public key images are signed with (the PEM contents of `cosign.pub`,
   * `-----BEGIN PUBLIC KEY-----`). A private key is refused.
   * @default - keyless verification (keylessIssuer and keylessSubject)
   */
  readonly publicKey?: string;
  /**
   * Keyless (Sigstore Fulcio) signing: the https URL of the OIDC issuer that vouched for the
   * signer, e.g. `https://token.actions.githubusercontent.com`. Requires keylessSubject.
   * @default - public key verification (publicKey)
   */
  readonly keylessIssuer?: string;
  /**
   * Keyless signing: the exact identity in the signing certificate, e.g.
   * `https://github.com/acme/api/.github/workflows/release.yml@refs/heads/main`. Requires
   * keylessIssuer; an issuer without a subject would admit anything it vouches for and is refused.
   * @default - public key verification (publicKey)
   */
  readonly keylessSubject?: string;
  /**
   * Also require a CycloneDX SBOM attestation (in-toto predicate type
   * `https://cyclonedx.org/bom`, as `cosign attest --type cyclonedx` writes it) signed by the same
   * key or identity.
   * @default false
   */
  readonly requireSbom?: boolean;
}

/** Props of {@link ImagePolicy}. */
export interface ImagePolicyProps {
  /**
   * Registries images may come from: hosts (`registry.example.com`, `localhost:5000`,
   * `123456789012.dkr.ecr.us-east-1.amazonaws.com`) or host and repository prefixes
   * (`ghcr.io/acme`), matched at a `/` boundary (`registry.example.com` does not admit
   * `registry.example.com.evil.io/x`). No schemes, wildcards, trailing slashes, tags or digests.
   * Images must name their registry (`docker.io/library/nginx@sha256:...`, not `nginx@sha256:...`).
   */
  readonly allowedRegistries: string[];
  /**
   * Namespaces covered besides those labelled `hipaa-constructs.io/phi: "true"` (HipaaNamespace
   * objects or names), by a second binding selecting them by name
   * (`kubernetes.io/metadata.name`), e.g. PHI namespaces whose Namespace object another team
   * writes and has not labelled.
   * @default - only namespaces labelled `hipaa-constructs.io/phi: "true"`
   */
  readonly namespaces?: Array<{ readonly name: string } | string>;
  /**
   * Verify image signatures (and optionally an SBOM attestation) with Kyverno 1.17 or later
   * (`policies.kyverno.io/v1` ImageValidatingPolicy).
   * @default - no signature verification (digests, registries and PHI labels only)
   */
  readonly signatures?: ImageSignatureProps;
  /**
   * Also record every denial in the API server's audit log (validationActions `[Deny, Audit]`,
   * the `validation.policy.admission.k8s.io/validation_failure` audit annotation).
   * @default true
   */
  readonly audit?: boolean;
  /**
   * Prefix of the object names: `<name>-images` (the ValidatingAdmissionPolicy),
   * `<name>-phi-namespaces` and `<name>-named-namespaces` (its bindings), `<name>-signatures`
   * and `<name>-signatures-named` (the Kyverno policies).
   * @default - a unique name made from the construct path
   */
  readonly name?: string;
}

/** A resource rule of an admission policy's match constraints. */
interface ResourceRule {
  readonly apiGroups: string[];
  readonly apiVersions: string[];
  readonly operations: string[];
  readonly resources: string[];
}

/** One way the policies select namespaces: by the PHI label, or by name. */
interface NamespaceSelection {
  readonly suffix: string;
  readonly selector: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values: string[] }> };
}

/** The API group/version ImagePolicy writes the native policy in (GA in Kubernetes 1.30). */
export const ADMISSION_API_VERSION = 'admissionregistration.k8s.io/v1';

/**
 * Admission guardrails for PHI namespaces, enforced by the API server before anything runs.
 *
 * - A native `admissionregistration.k8s.io/v1` ValidatingAdmissionPolicy (Kubernetes 1.30 or
 *   later; 1.28 and 1.29 serve it only as v1beta1, with the feature gate and API enabled) whose CEL
 *   rules refuse a Pod, or a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob (so
 *   the error shows when the workload is applied), unless every container, init container and
 *   ephemeral container image is pinned by digest (`@sha256:` and 64 hex digits) and comes from
 *   an allowed registry, and its pods carry the PHI label with the value `"true"` or `"false"`.
 *   failurePolicy Fail: if the policy cannot be evaluated, the request is refused.
 * - A ValidatingAdmissionPolicyBinding (validationActions Deny, plus Audit unless turned off)
 *   selecting namespaces labelled `hipaa-constructs.io/phi: "true"`, and a second one selecting
 *   `namespaces` by name when given.
 * - With `signatures`: a Kyverno `policies.kyverno.io/v1` ImageValidatingPolicy per binding
 *   (Kyverno 1.17 or later) that verifies every image's cosign signature, by public key or keyless
 *   issuer and subject, and optionally a signed CycloneDX SBOM attestation (validationActions
 *   Deny, failurePolicy Fail, the same namespaces and kinds).
 *
 * The objects are cluster-scoped: they are written without a namespace even in a chart that has
 * one, so the chart that holds them needs cluster-admin rights to apply.
 *
 * ```ts
 * new ImagePolicy(chart, 'images', {
 *   allowedRegistries: ['123456789012.dkr.ecr.us-east-1.amazonaws.com'],
 *   signatures: { keylessIssuer: 'https://token.actions.githubusercontent.com', keylessSubject: 'https://github.com/acme/api/.github/workflows/release.yml@refs/heads/main' },
 * });
 * ```
 */
export class ImagePolicy extends Construct {
  /** Name of the ValidatingAdmissionPolicy. */
  public readonly policyName: string;
  /** Names of its ValidatingAdmissionPolicyBindings. */
  public readonly bindingNames: readonly string[];
  /** Names of the Kyverno ImageValidatingPolicies (none without `signatures`). */
  public readonly signaturePolicyNames: readonly string[];
  /** The registries images may come from. */
  public readonly allowedRegistries: readonly string[];

  constructor(scope: Construct, id: string, props: ImagePolicyProps) {
    const checked = imagePolicyProps().validateImagePolicyProps(childPath(scope, id), props);
    super(scope, id);
    HipaaValidation.enable(Chart.of(this));
    const cel = imagePolicyCel();
    const name = props.name ?? Names.toDnsLabel(this);
    this.allowedRegistries = checked.allowedRegistries;
    this.policyName = `${name}-images`;
    const labels = { 'app.kubernetes.io/name': 'image-policy', 'app.kubernetes.io/part-of': 'hipaa-constructs' };

    const rules: ResourceRule[] = cel.MATCHED_RESOURCES.map((r) => ({
      apiGroups: [r.apiGroup],
      apiVersions: ['v1'],
      operations: ['CREATE', 'UPDATE'],
      resources: [...r.resources],
    }));

    const selections: NamespaceSelection[] = [{ suffix: 'phi-namespaces', selector: { matchLabels: { [PHI_LABEL]: 'true' } } }];
    if (checked.namespaces.length > 0) {
      selections.push({
        suffix: 'named-namespaces',
        selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: checked.namespaces }] },
      });
    }

    clusterScoped(new ApiObject(this, 'Policy', {
      apiVersion: ADMISSION_API_VERSION,
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: this.policyName, labels },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: { matchPolicy: 'Equivalent', resourceRules: rules },
        variables: cel.imageAdmissionVariables(checked.allowedRegistries),
        validations: cel.imageAdmissionValidations(),
      },
    }));

    const actions = props.audit === false ? ['Deny'] : ['Deny', 'Audit'];
    this.bindingNames = selections.map((s) => {
      const bindingName = `${name}-${s.suffix}`;
      clusterScoped(new ApiObject(this, `Binding-${s.suffix}`, {
        apiVersion: ADMISSION_API_VERSION,
        kind: 'ValidatingAdmissionPolicyBinding',
        metadata: { name: bindingName, labels },
        spec: {
          policyName: this.policyName,
          validationActions: actions,
          matchResources: { namespaceSelector: s.selector },
        },
      }));
      return bindingName;
    });

    this.signaturePolicyNames = props.signatures === undefined ? [] : selections.map((s, i) => {
      const policyName = i === 0 ? `${name}-signatures` : `${name}-signatures-named`;
      this.signaturePolicy(policyName, s, rules, checked.allowedRegistries, props.signatures!, labels);
      return policyName;
    });
  }

  /** One Kyverno ImageValidatingPolicy verifying signatures in the namespaces of `selection`. */
  private signaturePolicy(
    name: string, selection: NamespaceSelection, rules: ResourceRule[],
    registries: readonly string[], sig: ImageSignatureProps, labels: Record<string, string>,
  ): void {
    const k = kyvernoClasses();
    const cosign: kyverno.ImageValidatingPolicySpecAttestorsCosign = sig.publicKey !== undefined
      ? { key: { data: `${sig.publicKey.trim()}\n` } }
      : { keyless: { identities: [{ issuer: sig.keylessIssuer!, subject: sig.keylessSubject! }] } };
    const images = '(images.containers + images.initContainers + images.ephemeralContainers)';
    const how = sig.publicKey !== undefined ? 'the cosign public key' : `keyless identity ${sig.keylessSubject} (issuer ${sig.keylessIssuer})`;
    const validations: kyverno.ImageValidatingPolicySpecValidations[] = [{
      expression: `${images}.all(image, verifyImageSignatures(image, [attestors.cosign]) > 0)`,
      message: `every image must carry a cosign signature verified with ${how}`,
    }];
    const attestations: kyverno.ImageValidatingPolicySpecAttestations[] = [];
    if (sig.requireSbom) {
      attestations.push({ name: 'sbom', intoto: { type: CYCLONEDX_PREDICATE_TYPE } });
      validations.push({
        expression: `${images}.all(image, verifyAttestationSignatures(image, attestations.sbom, [attestors.cosign]) > 0)`,
        message: `every image must carry a CycloneDX SBOM attestation (${CYCLONEDX_PREDICATE_TYPE}) signed with ${how}`,
      });
    }
    const policy = new k.ImageValidatingPolicy(this, `Signatures-${selection.suffix}`, {
      metadata: { name, labels },
      spec: {
        validationActions: [k.ImageValidatingPolicySpecValidationActions.DENY],
        failurePolicy: k.ImageValidatingPolicySpecFailurePolicy.FAIL,
        // Signature and attestation look-ups go to the registry (and Rekor): give them the most time admission allows.
        webhookConfiguration: { timeoutSeconds: 30 },
        matchConstraints: {
          resourceRules: rules.map((r) => ({ ...r })),
          namespaceSelector: selection.selector,
        },
        // Kyverno verifies only the images these match and admits the others unverified; the native policy
        // above refuses every image outside these registries, so together every admitted image is verified
        // (k8s-phi-namespace-image-policy checks that pairing).
        matchImageReferences: registries.map((r) => ({ glob: `${r}/*` })),
        // Images are pinned by digest (the native policy refuses tags): verify that digest, never rewrite it.
        validationConfigurations: { required: true, verifyDigest: true, mutateDigest: false },
        attestors: [{ name: 'cosign', cosign }],
        ...(attestations.length > 0 ? { attestations } : {}),
        validations,
      },
    });
    clusterScoped(policy);
  }
}

/** The in-toto predicate type of a CycloneDX SBOM attestation (`cosign attest --type cyclonedx`). */
export const CYCLONEDX_PREDICATE_TYPE = 'https://cyclonedx.org/bom';

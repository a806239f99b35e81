/**
 * The CEL expressions of ImagePolicy's native admission policy (a ValidatingAdmissionPolicy,
 * `admissionregistration.k8s.io/v1`), in one place so the construct writes them and the tests
 * evaluate them (test/cdk8s/image-policy-cel.test.ts runs them in a CEL evaluator against good and
 * bad Pods and workloads). No cdk8s import: plain data.
 *
 * The policy matches Pods (also their `ephemeralcontainers` subresource) and the workload kinds
 * that carry a pod template, so a bad Deployment is refused when it is applied, not only when its
 * ReplicaSet fails to create pods. `object` is typed dynamically by the API server (one policy
 * matches many kinds), so the ternaries below only ever read the fields of the matched kind.
 */
import { PHI_LABEL, PHI_LABEL_VALUES } from '../labels';

/** A `variables` entry of a ValidatingAdmissionPolicy: evaluated in order, read as `variables.<name>`. */
export interface CelVariable {
  /** Name, read as `variables.<name>`. */
  readonly name: string;
  /** CEL expression. */
  readonly expression: string;
}

/** A `validations` entry of a ValidatingAdmissionPolicy. */
export interface CelValidation {
  /** CEL expression that must be true for the request to be admitted. */
  readonly expression: string;
  /** Static message, used when messageExpression fails. */
  readonly message: string;
  /** CEL expression building the message (names the offending images). */
  readonly messageExpression: string;
  /** HTTP reason of the denial. */
  readonly reason: 'Forbidden' | 'Invalid';
}

/** Digest pin: `<name>@sha256:<64 lowercase hex>`, nothing after it. RE2 syntax (CEL `matches`). */
export const DIGEST_PATTERN = '^[^@]+@sha256:[a-f0-9]{64}$';

/** Resources the policy (and the Kyverno policy) matches, per API group; all `v1`. */
export const MATCHED_RESOURCES: ReadonlyArray<{ readonly apiGroup: string; readonly resources: readonly string[] }> = [
  { apiGroup: '', resources: ['pods', 'pods/ephemeralcontainers'] },
  { apiGroup: 'apps', resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'] },
  { apiGroup: 'batch', resources: ['jobs', 'cronjobs'] },
];

/** A CEL single-quoted string literal; the inputs are registry names and label keys (checked before), escaped anyway. */
export function celString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The policy's variables: the pod template of the matched kind, its labels, every container of it, the allowed prefixes. */
export function imageAdmissionVariables(allowedRegistries: readonly string[]): CelVariable[] {
  return [
    {
      name: 'podTemplate',
      expression: "object.kind == 'Pod' ? object : object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template : object.spec.template",
    },
    {
      name: 'podLabels',
      expression: 'has(variables.podTemplate.metadata) && has(variables.podTemplate.metadata.labels) ? variables.podTemplate.metadata.labels : {}',
    },
    {
      name: 'containers',
      expression:
        'variables.podTemplate.spec.containers' +
        ' + (has(variables.podTemplate.spec.initContainers) ? variables.podTemplate.spec.initContainers : [])' +
        ' + (has(variables.podTemplate.spec.ephemeralContainers) ? variables.podTemplate.spec.ephemeralContainers : [])',
    },
    {
      // Each allowed registry with a trailing `/`: `registry.example.com` allows
      // `registry.example.com/x`, never `registry.example.com.evil.io/x`.
      name: 'allowedPrefixes',
      expression: `[${allowedRegistries.map((r) => celString(`${r}/`)).join(', ')}]`,
    },
  ];
}

/** The policy's validations: digest pins, allowed registries, the PHI label on the pods. */
export function imageAdmissionValidations(): CelValidation[] {
  const pinned = `c.image.matches(${celString(DIGEST_PATTERN)})`;
  const allowed = 'variables.allowedPrefixes.exists(p, c.image.startsWith(p))';
  const label = celString(PHI_LABEL);
  const values = `[${PHI_LABEL_VALUES.map(celString).join(', ')}]`;
  return [
    {
      expression: `variables.containers.all(c, has(c.image) && ${pinned})`,
      message: 'every container image must be pinned by digest (<registry>/<repository>@sha256:<64 hex digits>)',
      messageExpression:
        "'images not pinned by digest (<registry>/<repository>@sha256:<64 hex digits>): ' + " +
        `variables.containers.filter(c, !has(c.image) || !${pinned}).map(c, c.name + '=' + (has(c.image) ? c.image : '(none)')).join(', ')`,
      reason: 'Forbidden',
    },
    {
      expression: `variables.containers.all(c, has(c.image) && ${allowed})`,
      message: 'every container image must come from an allowed registry',
      messageExpression:
        "'images from registries that are not allowed (allowed: ' + variables.allowedPrefixes.join(', ') + '): ' + " +
        `variables.containers.filter(c, !has(c.image) || !${allowed}).map(c, c.name + '=' + (has(c.image) ? c.image : '(none)')).join(', ')`,
      reason: 'Forbidden',
    },
    {
      expression: `${label} in variables.podLabels && variables.podLabels[${label}] in ${values}`,
      message: `pods must carry the label ${PHI_LABEL} with a value of ${PHI_LABEL_VALUES.map((v) => `"${v}"`).join(' or ')}`,
      messageExpression:
        `${label} in variables.podLabels ? ${celString(`pod label ${PHI_LABEL} must be ${PHI_LABEL_VALUES.map((v) => `"${v}"`).join(' or ')}, got "`)} + ` +
        `string(variables.podLabels[${label}]) + '"' : ${celString(`pods must carry the label ${PHI_LABEL} ("true" or "false")`)}`,
      reason: 'Invalid',
    },
  ];
}

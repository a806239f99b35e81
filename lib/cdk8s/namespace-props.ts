/**
 * HipaaNamespace props: the quota and limit range they describe (one source for what is written
 * and what is validated), and their validation at construction, every problem at once, with the
 * helpers the rules use (lib/rules/k8s/support).
 */
import type { NamespaceLimits, NamespaceQuota } from './hipaa-namespace';
import { InputProblems } from './input-problems';
import { meshProblems } from './mesh-props';
import { waiverListProblem } from '../check/waiver';
import { labelKeyProblem, labelValueProblem } from '../rules/k8s/support/labels';
import { limitRangeItemProblems } from '../rules/k8s/support/limit-range';
import { quantityProblem, show } from '../rules/k8s/support/quantity';
import { nameViolation } from '../rules/k8s/workload/valid-name';

/** ResourceQuota `spec.hard` key -> [prop of NamespaceQuota, default]. */
const QUOTA: Readonly<Record<string, readonly [keyof NamespaceQuota, string | number]>> = {
  'requests.cpu': ['requestsCpu', '8'],
  'limits.cpu': ['limitsCpu', '16'],
  'requests.memory': ['requestsMemory', '16Gi'],
  'limits.memory': ['limitsMemory', '32Gi'],
  'requests.ephemeral-storage': ['requestsEphemeralStorage', '20Gi'],
  'limits.ephemeral-storage': ['limitsEphemeralStorage', '40Gi'],
  'pods': ['pods', 50],
  'persistentvolumeclaims': ['persistentVolumeClaims', 20],
  'services.nodeports': ['nodePorts', 0],
  'services.loadbalancers': ['loadBalancers', 0],
};

/** LimitRange item field -> resource -> [prop of NamespaceLimits, default]. */
const LIMITS: Readonly<Record<'defaultRequest' | 'default' | 'max', Readonly<Record<string, readonly [keyof NamespaceLimits, string]>>>> = {
  defaultRequest: {
    'cpu': ['defaultRequestCpu', '100m'],
    'memory': ['defaultRequestMemory', '128Mi'],
    'ephemeral-storage': ['defaultRequestEphemeralStorage', '64Mi'],
  },
  default: {
    'cpu': ['defaultLimitCpu', '500m'],
    'memory': ['defaultLimitMemory', '512Mi'],
    'ephemeral-storage': ['defaultLimitEphemeralStorage', '256Mi'],
  },
  max: {
    'cpu': ['maxCpu', '4'],
    'memory': ['maxMemory', '8Gi'],
    'ephemeral-storage': ['maxEphemeralStorage', '4Gi'],
  },
};

/** The ResourceQuota `spec.hard` amounts for `quota` (given values over the defaults). */
export function quotaAmounts(quota: NamespaceQuota = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(QUOTA).map(([key, [prop, def]]) => [key, String(quota[prop] ?? def)]));
}

/** The LimitRange `Container` item for `limits` (given values over the defaults). */
export function limitRangeItem(limits: NamespaceLimits = {}): { type: 'Container' } & Record<'defaultRequest' | 'default' | 'max', Record<string, string>> {
  const item = { type: 'Container' as const, defaultRequest: {}, default: {}, max: {} } as ReturnType<typeof limitRangeItem>;
  for (const field of ['defaultRequest', 'default', 'max'] as const) {
    for (const [resource, [prop, def]] of Object.entries(LIMITS[field])) item[field][resource] = limits[prop] ?? def;
  }
  return item;
}

/** The prop of NamespaceLimits behind a LimitRange item field (`default.memory` -> `limits.defaultLimitMemory`). */
function limitsProp(itemField: string): string {
  const dot = itemField.indexOf('.');
  const entry = LIMITS[itemField.slice(0, dot) as keyof typeof LIMITS]?.[itemField.slice(dot + 1)];
  return entry ? `limits.${entry[0]}` : `limits (${itemField})`;
}

/**
 * Throws one Error listing every problem of HipaaNamespace `props` (nothing when they are fine).
 * `meshWaived`: whether a construct above the namespace waives k8s-phi-namespace-mtls (its own
 * `waivers` prop is read here).
 */
export function validateHipaaNamespaceProps(where: string, id: string, props: unknown, meshWaived = false): void {
  const p = new InputProblems(where);
  if (!p.object(props, 'props', false)) return p.throwIfAny();
  if (typeof props.owner !== 'string' || props.owner.trim() === '') {
    p.add('owner', 'an owner is required so access to PHI can be attributed (k8s-namespace-phi-label); give a team or person.');
  }
  const nameGiven = props.name !== undefined;
  if (!nameGiven || p.string(props.name, 'name')) {
    const name = nameGiven ? props.name : id;
    const v = nameViolation('Namespace', name);
    if (v) {
      const source = nameGiven ? '' : ' (the construct id is the name when the name prop is not given)';
      p.add('name', `${v.message}${source} (k8s-valid-name). ${(v.fix ?? '').replace('metadata.name', 'name')}`);
    }
  }
  p.boolean(props.phi, 'phi');
  p.boolean(props.allowDns, 'allowDns');
  if (p.string(props.podSecurityVersion, 'podSecurityVersion') && !/^(v1\.\d+|latest)$/.test(props.podSecurityVersion)) {
    p.add('podSecurityVersion', `'${props.podSecurityVersion}' is not a Pod Security Standards version; use 'v1.<minor>' (e.g. 'v1.28') or 'latest' (k8s-pod-security-admission-labels).`);
  }
  quotaProblems(p, props.quota);
  limitsProblems(p, props.limits);
  accessProblems(p, props.access);
  const ownWaiver = Array.isArray(props.waivers) && props.waivers.some((w: any) => w?.ruleId === 'k8s-phi-namespace-mtls');
  meshProblems(p, props.mesh, meshWaived || ownWaiver, props.labels);
  if (p.object(props.labels, 'labels')) {
    for (const [key, value] of Object.entries(props.labels)) {
      const problem = labelKeyProblem(key) ?? labelValueProblem(value);
      if (problem) p.add(`labels["${key}"]`, `label ${problem} (k8s-valid-labels).`);
    }
  }
  const waiversProblem = waiverListProblem(props.waivers);
  if (waiversProblem) p.add('waivers', waiversProblem);
  else if (props.waivers !== undefined) props.waivers.forEach((w: unknown, i: number) => p.object(w, `waivers[${i}]`, false));
  p.throwIfAny();
}

function quotaProblems(p: InputProblems, quota: unknown): void {
  if (!p.object(quota, 'quota')) return;
  for (const [key, [prop]] of Object.entries(QUOTA)) {
    const value = quota[prop];
    const field = `quota.${prop}`;
    if (value === undefined) continue;
    if (typeof value === 'number') {
      if (!Number.isInteger(value) || value < 0) p.add(field, `must be a whole number >= 0 (got ${value}) (k8s-valid-resource-quota).`);
      continue;
    }
    if (!p.string(value, field)) continue;
    const problem = quantityProblem(value);
    if (problem) p.add(field, `${problem}, which the API server refuses in spec.hard["${key}"] (k8s-valid-resource-quota).`);
  }
}

function limitsProblems(p: InputProblems, limits: unknown): void {
  if (!p.object(limits, 'limits')) return;
  let typesOk = true;
  for (const field of Object.values(LIMITS)) {
    for (const [prop] of Object.values(field)) typesOk = (limits[prop] === undefined || p.string(limits[prop], `limits.${prop}`)) && typesOk;
  }
  if (!typesOk) return;
  for (const problem of limitRangeItemProblems(limitRangeItem(limits))) {
    const field = limitsProp(problem.field);
    if (problem.lowerField) {
      const lower = limitsProp(problem.lowerField);
      p.add(field, `${problem.message} (k8s-valid-limit-range). Raise ${field} or lower ${lower}; the defaults apply to props not given.`);
    } else {
      p.add(field, `${problem.message} (k8s-valid-limit-range).`);
    }
  }
}

function accessProblems(p: InputProblems, access: unknown): void {
  if (!p.object(access, 'access')) return;
  const roles = { readers: 'phi-reader', operators: 'phi-operator', admins: 'phi-admin', auditors: 'auditor' } as const;
  for (const [prop, role] of Object.entries(roles)) {
    const groups = access[prop];
    if (!p.list(groups, `access.${prop}`)) continue;
    groups.forEach((g, i) => {
      if (typeof g !== 'string' || g.trim() === '') {
        p.add(`access.${prop}[${i}]`, `the groups for role ${role} must be non-empty names from your identity provider (got ${show(g)}).`);
      }
    });
  }
}

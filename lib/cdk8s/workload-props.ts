/**
 * Validation of the props of the hardened workload constructs (SecureDeployment,
 * SecureStatefulSet, SecureJob, SecureCronJob) at construction: every problem at once, each
 * naming the prop, the rule that backs it and the fix; messages name the construct's kind. Value checks call the helpers the rules use
 * (lib/rules/k8s/support), so construction and `hipaa-check` agree on what the API server accepts.
 */
import { describe, InputProblems } from './input-problems';
import { operatorServiceAccountProblem, storedSecretServiceAccountProblem } from './secret-store-props';
import { StoredSecret } from './stored-secret';
import { DEPLOYMENT_KIND, WorkloadKind } from './workload-kind';
import { waiverListProblem } from '../check/waiver';
import { budgetProtectsNothing } from '../rules/k8s/support/disruption-budget';
import { labelKeyProblem, labelValueProblem } from '../rules/k8s/support/labels';
import { earlierSameMount, mountPathProblem, normalizeMountPath } from '../rules/k8s/support/mounts';

export { normalizeMountPath };
import { limitBelowRequest, quantityProblem } from '../rules/k8s/support/quantity';
import { escalationConflict, idProblem } from '../rules/k8s/support/security-context';
import { nameViolation } from '../rules/k8s/workload/valid-name';

/** kplus's container name when none is given. */
export const DEFAULT_CONTAINER_NAME = 'main';

/** Where the hardened in-memory /tmp is mounted in every container. */
export const TMP_PATH = '/tmp';

/**
 * The checks of the props a workload kind adds to the shared ones (a Job's deadlines, a
 * StatefulSet's claims): they record into the same list, so every problem is reported at once.
 */
export type OwnPropChecks = (p: InputProblems, props: Record<string, any>) => void;

/** What a container is checked against besides its own props. */
export interface ContainerContext {
  /** The pod's secret mounts, with the prop path of each (`secrets[0]`). */
  readonly secrets: readonly { readonly field: string; readonly mountPath: unknown; readonly containers?: readonly unknown[] }[];
  /** Names of the containers given in props (secrets without `containers` go to these). */
  readonly initialNames: readonly string[];
  /** The construct's name in messages. @default 'SecureDeployment' */
  readonly construct?: string;
}

/**
 * Throws one Error listing every problem of `props` (nothing when they are fine). `where` is the
 * construct path (`chart/api`); the construct does not exist yet, so nothing is read from it.
 * `kind` names the construct in messages and says whether replicas are checked.
 */
export function validateSecureDeploymentProps(where: string, props: unknown, kind: WorkloadKind = DEPLOYMENT_KIND, own?: OwnPropChecks): void {
  const p = new InputProblems(where);
  if (!p.object(props, 'props', false)) {
    p.throwIfAny();
    return;
  }
  scalarProblems(p, props, kind);
  const names = containerNames(props);
  const secrets = secretProblems(p, props.secrets, props.serviceAccount);
  const operatorAccount = operatorServiceAccountProblem(props.serviceAccount);
  if (operatorAccount) p.add('serviceAccount', operatorAccount);
  const ctx: ContainerContext = { secrets, initialNames: names, construct: kind.construct };
  for (const list of ['containers', 'initContainers'] as const) {
    const value = props[list];
    if (list === 'containers' && (!Array.isArray(value) || value.length === 0)) {
      if (value === undefined || (Array.isArray(value) && value.length === 0)) p.add('containers', `a ${kind.construct} needs at least one container.`);
      else p.list(value, 'containers');
      continue;
    }
    if (!p.list(value, list)) continue;
    value.forEach((c, i) => containerProblems(p, c, `${list}[${i}]`, ctx));
  }
  flowProblems(p, props);
  own?.(p, props);
  p.throwIfAny();
}

/**
 * Throws when a container added after construction (`addContainer`, `addInitContainer`: the
 * `method` named in messages) is invalid. It gets only the secrets whose `containers` name it.
 */
export function validateAddedContainer(where: string, cont: unknown, secrets: ContainerContext['secrets'], method = 'addContainer', construct = 'SecureDeployment'): void {
  const p = new InputProblems(where);
  const name = isObj(cont) && typeof cont.name === 'string' ? cont.name : DEFAULT_CONTAINER_NAME;
  containerProblems(p, cont, `${method}('${name}')`, { secrets, initialNames: [], construct });
  p.throwIfAny();
}

function scalarProblems(p: InputProblems, props: Record<string, any>, kind: WorkloadKind): void {
  p.boolean(props.phi, 'phi');
  p.string(props.owner, 'owner');
  if (kind.defaultReplicas !== undefined) replicaProblems(p, props, kind.defaultReplicas);
  identityProblems(p, props);
  if (p.instance(props.tmpSize, 'tmpSize', 'a Size (e.g. Size.mebibytes(64))', 'toMebibytes')) {
    sizeProblem(p, props.tmpSize, 'tmpSize', 'MiB', 'k8s-empty-dir-size-limit');
  }
  metadataProblems(p, props, kind);
  const waiversProblem = waiverListProblem(props.waivers);
  if (waiversProblem) {p.add('waivers', waiversProblem);} else if (props.waivers !== undefined) {
    props.waivers.forEach((w: unknown, i: number) => p.object(w, `waivers[${i}]`, false));
  }
}

/** replicas and maxUnavailable, and whether the PodDisruptionBudget they make protects anything. */
function replicaProblems(p: InputProblems, props: Record<string, any>, defaultReplicas: number): void {
  if (p.number(props.replicas, 'replicas') && (!Number.isInteger(props.replicas) || props.replicas < 1)) {
    p.add('replicas', `must be a whole number >= 1 (got ${props.replicas}).`);
  }
  if (p.number(props.maxUnavailable, 'maxUnavailable')) {
    if (!Number.isInteger(props.maxUnavailable) || props.maxUnavailable < 1) {
      p.add('maxUnavailable', `must be a whole number >= 1 (got ${props.maxUnavailable}).`);
    }
  }
  const replicas = typeof props.replicas === 'number' ? props.replicas : defaultReplicas;
  const maxUnavailable = typeof props.maxUnavailable === 'number' ? props.maxUnavailable : 1;
  const protects = replicas > 1 && maxUnavailable >= 1 ? budgetProtectsNothing({ maxUnavailable }, replicas) : undefined;
  if (protects) {
    p.add(
      'maxUnavailable',
      `the PodDisruptionBudget would protect nothing: ${protects} (k8s-pdb-protects-something). ` +
        `Set maxUnavailable below replicas (e.g. 1), or raise replicas above ${maxUnavailable}.`,
    );
  }
}

/** UID, GID and fsGroup of the pod. */
function identityProblems(p: InputProblems, props: Record<string, any>): void {
  if (p.object(props.identity, 'identity')) {
    for (const field of ['user', 'group', 'fsGroup'] as const) {
      const value = props.identity[field];
      if (!p.number(value, `identity.${field}`)) continue;
      if (!Number.isInteger(value) || value < 0) {
        p.add(`identity.${field}`, `must be a whole number >= 0 (got ${value}).`);
      } else if (idProblem(value)) {
        p.add(`identity.${field}`, `${idProblem(value)} (k8s-valid-security-context).`);
      } else if (value === 0 && field !== 'user') {
        p.add(`identity.${field}`, `GID 0 is the root group, which owns files in the image and, as ${field === 'fsGroup' ? 'fsGroup, every mounted volume' : 'primary group, what the processes create'} (k8s-run-as-non-root-group). Use a non-zero GID (10000 or above), e.g. 10001, or leave it unset.`);
      }
    }
  }
}

/** Names, labels and annotations of the workload and its pods. */
function metadataProblems(p: InputProblems, props: Record<string, any>, kind: WorkloadKind): void {
  if (p.object(props.metadata, 'metadata')) {
    if (p.string(props.metadata.name, 'metadata.name')) {
      const v = nameViolation(kind.kind, props.metadata.name);
      if (v) p.add('metadata.name', `${v.message} (k8s-valid-name). ${v.fix ?? ''}`);
    }
    if (p.string(props.metadata.namespace, 'metadata.namespace')) {
      const v = nameViolation('Namespace', props.metadata.namespace);
      if (v) p.add('metadata.namespace', `${v.message.replace('Namespace name', 'namespace')} (k8s-valid-name).`);
    }
  }
  for (const field of ['metadata', 'podMetadata'] as const) {
    const meta = props[field];
    if (!isObj(meta)) continue;
    if (p.object(meta.labels, `${field}.labels`)) {
      for (const [key, value] of Object.entries(meta.labels)) {
        const problem = labelKeyProblem(key) ?? labelValueProblem(value);
        if (problem) p.add(`${field}.labels["${key}"]`, `label ${problem} (k8s-valid-labels).`);
      }
    }
    if (p.object(meta.annotations, `${field}.annotations`)) {
      for (const [key, value] of Object.entries(meta.annotations)) {
        const problem = labelKeyProblem(key);
        if (problem) p.add(`${field}.annotations["${key}"]`, `annotation ${problem} (k8s-valid-labels).`);
        else p.string(value, `${field}.annotations["${key}"]`, false);
      }
    }
  }
}

/** The names of the containers and init containers given in props. */
function containerNames(props: Record<string, any>): string[] {
  const names: string[] = [];
  for (const list of [props.containers, props.initContainers]) {
    if (!Array.isArray(list)) continue;
    for (const c of list) names.push(isObj(c) && typeof c.name === 'string' ? c.name : DEFAULT_CONTAINER_NAME);
  }
  return names;
}

/**
 * Throws when a secret names a container the workload does not have when it is written (a name
 * may stand for a container added later with `addContainer`, so this runs at synth).
 */
export function validateSecretContainers(where: string, secrets: ContainerContext['secrets'], names: readonly string[], construct = 'SecureDeployment'): void {
  const p = new InputProblems(where);
  for (const s of secrets) {
    (s.containers ?? []).forEach((name, j) => {
      if (typeof name !== 'string' || names.includes(name)) return;
      p.add(
        `${s.field}.containers[${j}]`,
        `no container of this ${construct} is named '${name}' (containers: ${names.map((n) => `'${n}'`).join(', ') || 'none'}), ` +
          'so the secret would be mounted nowhere (k8s-secrets-as-files). Name a container given in containers or initContainers, or added with addContainer.',
      );
    });
  }
  p.throwIfAny();
}

function secretProblems(p: InputProblems, secrets: unknown, serviceAccount: unknown): ContainerContext['secrets'] {
  const out: { field: string; mountPath: unknown; containers?: readonly unknown[] }[] = [];
  if (!p.list(secrets, 'secrets')) return out;
  secrets.forEach((s, i) => {
    const field = `secrets[${i}]`;
    if (!p.object(s, field, false)) return;
    if (StoredSecret.isStoredSecret(s.secret)) {
      const problem = storedSecretServiceAccountProblem(s.secret, serviceAccount);
      if (problem) p.add(`${field}.secret`, problem);
    } else {
      p.instance(s.secret, `${field}.secret`, "a Secret (e.g. kplus.Secret.fromSecretName(...) or a KmsSecretStore's addSecret(...))", 'envValue', false);
    }
    if (p.string(s.mountPath, `${field}.mountPath`, false)) {
      const problem = mountPathProblem(s.mountPath);
      if (problem) p.add(`${field}.mountPath`, `${problem} (k8s-valid-mounts). Use an absolute path, e.g. '/var/run/secrets/${String(s.mountPath).replace(/^\.?\/*/, '') || 'app'}'.`);
    }
    let containers: unknown[] | undefined;
    if (p.list(s.containers, `${field}.containers`)) {
      containers = s.containers;
      s.containers.forEach((name: unknown, j: number) => p.string(name, `${field}.containers[${j}]`, false));
    }
    out.push({ field, mountPath: s.mountPath, containers });
  });
  return out;
}

/** Problems of one container; `field` is its prop path (`containers[0]`). */
function containerProblems(p: InputProblems, c: unknown, field: string, ctx: ContainerContext): void {
  if (!p.object(c, field, false)) return;
  const name = typeof c.name === 'string' ? c.name : DEFAULT_CONTAINER_NAME;
  p.string(c.name, `${field}.name`);
  if (p.string(c.image, `${field}.image`, false) && c.image.trim() === '') p.add(`${field}.image`, 'must name an image (got an empty string).');
  p.instance(c.liveness, `${field}.liveness`, 'a Probe (e.g. kplus.Probe.fromHttpGet(...))', '_toKube');
  p.instance(c.readiness, `${field}.readiness`, 'a Probe (e.g. kplus.Probe.fromHttpGet(...))', '_toKube');
  p.number(c.portNumber, `${field}.portNumber`);
  resourceProblems(p, c.resources, `${field}.resources`);
  securityContextProblems(p, c.securityContext, `${field}.securityContext`, name);
  mountProblems(p, c, field, name, ctx);
}

/** Requests and limits as kplus renders them (cpu as given, memory in Mi, ephemeral storage in Gi). */
function resourceProblems(p: InputProblems, resources: unknown, field: string): void {
  if (!p.object(resources, field)) return;
  const rendered: Record<string, { request?: string; limit?: string }> = {};
  const specs = [
    ['cpu', 'cpu', undefined],
    ['memory', 'memory', 'MiB'],
    ['ephemeralStorage', 'ephemeral-storage', 'GiB'],
  ] as const;
  for (const [prop, resource, unit] of specs) {
    const pair = resources[prop];
    if (!p.object(pair, `${field}.${prop}`)) continue;
    rendered[resource] = {};
    for (const end of ['request', 'limit'] as const) {
      const f = `${field}.${prop}.${end}`;
      const value = pair[end];
      if (unit === undefined) {
        if (value === undefined) continue;
        if (!isObj(value) || typeof value.amount !== 'string') {
          p.add(f, `expected a Cpu (kplus.Cpu.millis(500) or kplus.Cpu.units(1)), got ${describe(value)}.`);
          continue;
        }
        const problem = quantityProblem(value.amount);
        if (problem) p.add(f, `${problem} (k8s-valid-resources). Use kplus.Cpu.millis(n) or kplus.Cpu.units(n) with n >= 0.`);
        else rendered[resource][end] = value.amount;
      } else {
        if (!p.instance(value, f, 'a Size (e.g. Size.mebibytes(256))', 'toMebibytes')) continue;
        const amount = sizeProblem(p, value, f, unit, 'k8s-valid-resources');
        if (amount !== undefined) rendered[resource][end] = amount;
      }
    }
  }
  for (const [prop, resource] of specs) {
    const r = rendered[resource];
    const problem = r && limitBelowRequest(resource, r.request, r.limit);
    if (problem) {
      p.add(`${field}.${prop}.limit`, `${problem} (k8s-valid-resources). Raise the limit to at least the request, or lower the request.`);
    }
  }
}

/**
 * The quantity kplus writes for a Size (`<n>Mi` or `<n>Gi`), or undefined after recording why it
 * cannot: kplus throws at synth for a size that is not a whole number of its unit.
 */
function sizeProblem(p: InputProblems, size: Record<string, any>, field: string, unit: 'MiB' | 'GiB', rule: string): string | undefined {
  let amount: number;
  try {
    amount = unit === 'MiB' ? size.toMebibytes() : size.toGibibytes();
  } catch {
    const whole = unit === 'MiB' ? 'Size.mebibytes(n)' : 'Size.gibibytes(n)';
    p.add(field, `must be a whole number of ${unit}, as cdk8s-plus writes it in ${unit === 'MiB' ? 'Mi' : 'Gi'} (${rule}). Use ${whole} with a whole n.`);
    return undefined;
  }
  const quantity = `${amount}${unit === 'MiB' ? 'Mi' : 'Gi'}`;
  const problem = quantityProblem(quantity);
  if (problem) {
    p.add(field, `${problem} (${rule}). Use a size of 0 or more.`);
    return undefined;
  }
  return quantity;
}

/** The container's security context merged over the hardened defaults, as it will be written. */
function securityContextProblems(p: InputProblems, sc: unknown, field: string, name: string): void {
  if (!p.object(sc, field)) return;
  for (const key of ['privileged', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'ensureNonRoot'] as const) p.boolean(sc[key], `${field}.${key}`);
  for (const key of ['user', 'group'] as const) {
    if (!p.number(sc[key], `${field}.${key}`)) continue;
    const problem = idProblem(sc[key]);
    if (problem) {
      p.add(`${field}.${key}`, `${problem} (k8s-valid-security-context).`);
    } else if (key === 'group' && sc[key] === 0) {
      p.add(`${field}.group`, 'GID 0 is the root group, which owns files in the image (k8s-run-as-non-root-group). Use a non-zero GID (10000 or above), e.g. 10001, or leave it unset.');
    }
  }
  if (p.object(sc.capabilities, `${field}.capabilities`)) {
    p.list(sc.capabilities.add, `${field}.capabilities.add`);
    p.list(sc.capabilities.drop, `${field}.capabilities.drop`);
  }
  const merged = {
    privileged: sc.privileged ?? false,
    allowPrivilegeEscalation: sc.allowPrivilegeEscalation ?? false,
    capabilities: { add: sc.capabilities?.add },
  };
  const conflict = escalationConflict(merged);
  if (conflict) {
    const own = sc.allowPrivilegeEscalation === false ? '' : ' (the hardened default)';
    p.add(
      `${field}.${conflict.field}`,
      `container '${name}' ${conflict.message.replace('allowPrivilegeEscalation: false', `allowPrivilegeEscalation: false${own}`)} (k8s-valid-security-context). ` +
        'If the container really needs it, also set allowPrivilegeEscalation: true and waive k8s-allow-privilege-escalation ' +
        `as well as ${conflict.field === 'privileged' ? 'k8s-privileged' : 'k8s-baseline-capabilities'}, each with a reason; otherwise remove it.`,
    );
  }
}

/** Mount paths of one container: its own volumeMounts, the /tmp, then the secrets meant for it. */
function mountProblems(p: InputProblems, c: Record<string, any>, field: string, name: string, ctx: ContainerContext): void {
  const entries: { field: string; path: unknown; what: string }[] = [];
  if (p.list(c.volumeMounts, `${field}.volumeMounts`)) {
    c.volumeMounts.forEach((m: unknown, i: number) => {
      const f = `${field}.volumeMounts[${i}]`;
      if (!p.object(m, f, false)) return;
      if (!p.string(m.path, `${f}.path`, false)) return;
      const problem = mountPathProblem(m.path);
      if (problem) p.add(`${f}.path`, `${problem} (k8s-valid-mounts). Use an absolute path.`);
      entries.push({ field: `${f}.path`, path: m.path, what: `${f}.path` });
    });
  }
  if (!entries.some((e) => typeof e.path === 'string' && normalizeMountPath(e.path) === TMP_PATH)) {
    entries.push({ field: '', path: TMP_PATH, what: `the in-memory /tmp that ${ctx.construct ?? 'SecureDeployment'} mounts in every container` });
  }
  for (const s of ctx.secrets) {
    const meant = s.containers ? s.containers.includes(name) : ctx.initialNames.includes(name);
    if (meant && typeof s.mountPath === 'string' && !mountPathProblem(s.mountPath)) {
      entries.push({ field: `${s.field}.mountPath`, path: s.mountPath, what: `${s.field}.mountPath` });
    }
  }
  const paths = entries.map((e) => e.path);
  entries.forEach((e, i) => {
    const j = earlierSameMount(paths, i);
    if (j < 0) return;
    p.add(
      e.field,
      `container '${name}' would mount '${String(e.path)}' twice (also ${entries[j].what}); the API server requires mount paths to be unique ` +
        'in a container (k8s-valid-mounts). Use another path.',
    );
  });
}

/** Ingress and egress flows: lists of objects with a peer and at least one port. */
function flowProblems(p: InputProblems, props: Record<string, any>): void {
  for (const [field, peer] of [['ingress', 'from'], ['egress', 'to']] as const) {
    if (!p.list(props[field], field)) continue;
    props[field].forEach((flow: unknown, i: number) => {
      const f = `${field}[${i}]`;
      if (!p.object(flow, f, false)) return;
      p.instance(flow[peer], `${f}.${peer}`, 'a network peer (a workload, HipaaNamespace, kplus.Pods.select(...), kplus.Namespaces.select(...) or an IP block)', 'toNetworkPolicyPeerConfig', false);
      if (flow.ports !== undefined && !Array.isArray(flow.ports)) {
        p.list(flow.ports, `${f}.ports`);
      } else if (!flow.ports || flow.ports.length === 0) {
        p.add(`${f}.ports`, 'name the ports this flow may use; a flow open on every port defeats the namespace default-deny.');
      }
    });
  }
}

function isObj(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The props SecureStatefulSet adds to the shared pod props, checked at construction (loaded on
 * first use, as workload-props.ts): its volume claims, and the ports its headless Service is
 * built from. Problems are recorded into the shared list, so one Error names every one.
 */
import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { AppValidation } from './app-validation';
import { describe, InputProblems } from './input-problems';
import { waiversOf } from './waivers';
import { DEFAULT_CONTAINER_NAME, TMP_PATH } from './workload-props';
import { earlierSameMount, mountPathProblem } from '../rules/k8s/support/mounts';
import { nameViolation } from '../rules/k8s/workload/valid-name';

const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
/** Volume names the hardening gives the pod itself (/tmp and the secret volumes). */
const OWN_VOLUME = /^(tmp|secret-\d+)$/;

/**
 * The quantity a claim of `size` requests (`<n>Gi` when whole, else `<n>Mi`), or undefined when
 * `size` is not a whole number of MiB. `size` is a cdk8s Size.
 */
export function claimQuantity(size: { toGibibytes(o?: object): number; toMebibytes(o?: object): number }): string | undefined {
  try {
    return `${size.toGibibytes()}Gi`;
  } catch {
    try {
      return `${size.toMebibytes()}Mi`;
    } catch {
      return undefined;
    }
  }
}

/** volumeClaims, and a port for the headless Service. */
export function statefulSetProblems(p: InputProblems, props: Record<string, any>): void {
  servicePortProblems(p, props);
  // k8s-valid-name's own check: a Service name is a DNS-1035 label of at most 63 characters.
  if (p.string(props.serviceName, 'serviceName') && nameViolation('Service', props.serviceName) !== undefined) {
    p.add('serviceName', `'${props.serviceName}' is not a DNS-1035 label (at most 63 lower-case letters, digits and '-', starting with a letter and ending with a letter or digit), ` +
      'which a Service name must be (k8s-valid-name). Use e.g. \'records-db\'.');
  }
  if (!p.list(props.volumeClaims, 'volumeClaims')) return;
  const containers = containersOf(props);
  const names = new Map<string, number>();
  // Per container, every mount path it will have besides the claims: its own, /tmp, its secrets.
  const mounted = new Map<string, { path: string; what: string }[]>();
  for (const c of containers) mounted.set(c.name, [...c.mounts, { path: TMP_PATH, what: 'the in-memory, size-limited /tmp every container gets' }]);
  (Array.isArray(props.secrets) ? props.secrets : []).forEach((s: any, i: number) => {
    if (s === null || typeof s !== 'object' || typeof s.mountPath !== 'string') return;
    const to: unknown[] = Array.isArray(s.containers) ? s.containers : containers.map((c) => c.name);
    for (const name of to) mounted.get(String(name))?.push({ path: s.mountPath, what: `secrets[${i}].mountPath` });
  });

  props.volumeClaims.forEach((claim: unknown, i: number) => {
    const f = `volumeClaims[${i}]`;
    if (!p.object(claim, f, false)) return;
    if (p.string(claim.name, `${f}.name`, false)) {
      // k8s-valid-name's own check (a Namespace name is a DNS-1123 label of at most 63 characters, as a volume name is).
      if (nameViolation('Namespace', claim.name) !== undefined) {
        p.add(`${f}.name`, `'${claim.name}' is not a DNS-1123 label (at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit); ` +
          'the name is the volume name in the pod and the start of each claim\'s name (k8s-valid-name). Use e.g. \'data\'.');
      } else if (OWN_VOLUME.test(claim.name)) {
        p.add(`${f}.name`, `'${claim.name}' is the name of a volume the hardening gives the pod (the in-memory /tmp and the secret volumes are 'tmp' and 'secret-<n>'). Use another name, e.g. 'data'.`);
      } else if (names.has(claim.name)) {
        p.add(`${f}.name`, `'${claim.name}' is also the name of volumeClaims[${names.get(claim.name)}]; each claim template needs its own name, which the pod mounts it by. Rename one.`);
      } else {
        names.set(claim.name, i);
      }
    }
    const pathOk = p.string(claim.mountPath, `${f}.mountPath`, false) && !problemOfPath(p, claim.mountPath, `${f}.mountPath`);
    sizeProblems(p, claim.size, `${f}.size`);
    storageProblems(p, claim.storage, `${f}.storage`);
    if (p.list(claim.accessModes, `${f}.accessModes`)) {
      if (claim.accessModes.length === 0) p.add(`${f}.accessModes`, 'name at least one access mode, e.g. ReadWriteOnce, or leave it unset for ReadWriteOnce.');
      claim.accessModes.forEach((m: unknown, j: number) => {
        if (!ACCESS_MODES.includes(m as string)) p.add(`${f}.accessModes[${j}]`, `expected one of ${ACCESS_MODES.join(', ')} (kplus.PersistentVolumeAccessMode), got ${describe(m)}.`);
      });
    }
    let target: string[] = containers.filter((c) => !c.init).map((c) => c.name);
    if (p.list(claim.containers, `${f}.containers`)) {
      target = [];
      claim.containers.forEach((name: unknown, j: number) => {
        if (!p.string(name, `${f}.containers[${j}]`, false)) return;
        if (!mounted.has(name)) {
          p.add(`${f}.containers[${j}]`, `no container of this SecureStatefulSet is named '${name}' (containers: ${containers.map((c) => `'${c.name}'`).join(', ') || 'none'}), ` +
            'so the volume would be mounted nowhere. Name a container or init container given in containers or initContainers.');
        } else {
          target.push(name);
        }
      });
    }
    if (!pathOk) return;
    for (const name of target) {
      const list = mounted.get(name)!;
      const entry = { path: claim.mountPath as string, what: `${f}.mountPath` };
      const paths = [...list.map((m) => m.path), entry.path];
      const j = earlierSameMount(paths, paths.length - 1);
      if (j >= 0) {
        p.add(`${f}.mountPath`, `container '${name}' would mount '${entry.path}' twice (also ${list[j].what}); the API server requires mount paths to be unique ` +
          'in a container (k8s-valid-mounts). Use another path.');
      }
      list.push(entry);
    }
  });
}

/** The headless Service of a StatefulSet is built from its containers' ports: at least one is needed. */
function servicePortProblems(p: InputProblems, props: Record<string, any>): void {
  if (!Array.isArray(props.containers) || props.containers.length === 0) return;
  const hasPort = props.containers.some((c: any) => c !== null && typeof c === 'object' && (typeof c.portNumber === 'number' || (Array.isArray(c.ports) && c.ports.length > 0)));
  if (!hasPort) {
    p.add('containers', 'no container declares a port, and the headless Service that gives each SecureStatefulSet pod its DNS name needs one. ' +
      'Set portNumber (or ports) on the container that serves, e.g. portNumber: 5432.');
  }
}

function problemOfPath(p: InputProblems, path: string, field: string): boolean {
  const problem = mountPathProblem(path);
  if (problem) p.add(field, `${problem} (k8s-valid-mounts). Use an absolute path, e.g. '/var/lib/data'.`);
  return problem !== undefined;
}

function sizeProblems(p: InputProblems, size: unknown, field: string): void {
  if (size === undefined) {
    p.add(field, 'is missing: each claim requests a size, e.g. Size.gibibytes(20).');
    return;
  }
  if (!p.instance(size, field, 'a Size (e.g. Size.gibibytes(20))', 'toGibibytes', false)) return;
  const quantity = claimQuantity(size as any);
  if (quantity === undefined) {
    p.add(field, 'must be a whole number of MiB, as the claim requests it. Use Size.gibibytes(n) or Size.mebibytes(n) with a whole n.');
  } else if (/^0(Gi|Mi)$/.test(quantity)) {
    p.add(field, 'must be more than 0: the provisioner refuses a volume of size 0. Use e.g. Size.gibibytes(20).');
  }
}

function storageProblems(p: InputProblems, storage: unknown, field: string): void {
  if (storage === undefined) {
    p.add(field, 'is missing: each claim names the encrypted StorageClass it is provisioned from, e.g. an EncryptedVolume (k8s-phi-claim-encrypted-storage).');
    return;
  }
  if (!p.object(storage, field, false)) return;
  const missing = (name: string) => {
    // A plain object with a misspelt field (storageClasName, PHI): name what it has and what it lacks.
    const others = Object.keys(storage).filter((k) => k !== 'storageClassName' && k !== 'phi');
    const has = others.length === 0 ? '' : ` (storage has ${others.map((k) => `'${k}'`).join(' and ')}, which ${others.length === 1 ? 'is not a field of it' : 'are not its fields'}: did you mean ${name}?)`;
    p.add(`${field}.${name}`, `is missing${has}; storage is an EncryptedVolume, or an IEncryptedStorageClass { storageClassName, phi } naming an encrypted StorageClass ` +
      '(k8s-phi-claim-encrypted-storage). Pass the EncryptedVolume.');
  };
  if (storage.storageClassName === undefined) missing('storageClassName');
  if (storage.phi === undefined) missing('phi');
  if (storage.storageClassName !== undefined && p.string(storage.storageClassName, `${field}.storageClassName`, false)) {
    const v = nameViolation('StorageClass', storage.storageClassName);
    if (storage.storageClassName === '') {
      p.add(`${field}.storageClassName`, 'is empty, which binds a pre-provisioned volume whose encryption nobody can verify (k8s-phi-claim-storage-unknown). Name the encrypted StorageClass.');
    } else if (v) {
      p.add(`${field}.storageClassName`, `${v.message} (k8s-valid-name).`);
    }
  }
  if (storage.phi !== undefined) p.boolean(storage.phi, `${field}.phi`, false);
}

interface ContainerMounts {
  readonly name: string;
  readonly init: boolean;
  readonly mounts: { path: string; what: string }[];
}

/** The containers and init containers of props, with the mount paths they set themselves. */
function containersOf(props: Record<string, any>): ContainerMounts[] {
  const out: ContainerMounts[] = [];
  for (const list of ['containers', 'initContainers'] as const) {
    if (!Array.isArray(props[list])) continue;
    props[list].forEach((c: any, i: number) => {
      if (c === null || typeof c !== 'object') return;
      const mounts = (Array.isArray(c.volumeMounts) ? c.volumeMounts : [])
        .map((m: any, j: number) => ({ path: m?.path, what: `${list}[${i}].volumeMounts[${j}].path` }))
        .filter((m: { path: unknown }) => typeof m.path === 'string');
      out.push({ name: typeof c.name === 'string' ? c.name : DEFAULT_CONTAINER_NAME, init: list === 'initContainers', mounts });
    });
  }
  return out;
}

/**
 * Checked at synth (a class may be declared later, in any chart): each PHI claim's StorageClass is
 * one the app declares (an EncryptedVolume, or a StorageClass object the storage rules verify),
 * unless the workload waives k8s-phi-claim-storage-unknown. Otherwise nothing shows the volumes
 * are encrypted, and the rule's warning does not stop the synth.
 */
export function unverifiedStorageProblems(
  set: IConstruct,
  claims: readonly { storage: { storageClassName: string; phi: boolean } }[],
  workloadPhi: boolean,
): string[] {
  if (claims.length === 0 || waiversOf(set).some((w) => w.ruleId === UNKNOWN_STORAGE_RULE)) return [];
  // In a synth pass (where cdk8s validates the app once per chart), one walk serves every StatefulSet.
  const declared = AppValidation.passValue(set, 'stateful-set/storage-classes', () => {
    const names = new Set<string>();
    for (const c of set.node.root.node.findAll()) if (c instanceof ApiObject && c.kind === 'StorageClass') names.add(c.name);
    return names;
  });
  const problems: string[] = [];
  claims.forEach((claim, i) => {
    if (!(workloadPhi || claim.storage.phi) || declared.has(claim.storage.storageClassName)) return;
    problems.push(`volumeClaims[${i}].storage: StorageClass '${claim.storage.storageClassName}' is not in the app (no EncryptedVolume or StorageClass of that name), so nothing shows that ` +
      `the volumes of this PHI claim are encrypted with a customer-managed key (${UNKNOWN_STORAGE_RULE}). Pass an EncryptedVolume as storage; for a class the cluster ` +
      `provides, accept it with a waiver of ${UNKNOWN_STORAGE_RULE} in waivers that says how its encryption was verified.`);
  });
  return problems;
}

const UNKNOWN_STORAGE_RULE = 'k8s-phi-claim-storage-unknown';

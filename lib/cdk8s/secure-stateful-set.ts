import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import type { IEncryptedStorageClass } from './encrypted-storage';
import { childPath } from './input-problems';
import { toLabelValue } from './label-value';
import { PodHardening, SecurePodProps } from './pod-hardening';
import { statefulSetProps, workloadProps } from './props-checks';
import type { SecureContainerProps } from './secure-deployment';
import { OWNER_LABEL, PHI_LABEL } from '../labels';
import { STATEFUL_SET_KIND } from './workload-kind';

/**
 * A volume claim template of a {@link SecureStatefulSet}: each replica gets its own
 * PersistentVolumeClaim (`<name>-<statefulset>-<ordinal>`) from an encrypted StorageClass,
 * mounted read-write into the named containers.
 */
export interface SecureVolumeClaim {
  /** Name of the template and of the volume in the pod (a DNS-1123 label, e.g. `data`; not `tmp` or `secret-<n>`). */
  readonly name: string;
  /** Where the volume is mounted in the containers (absolute; not /tmp or a secret's path). */
  readonly mountPath: string;
  /** Storage each replica's claim requests (more than 0, a whole number of MiB). */
  readonly size: Size;
  /**
   * The encrypted StorageClass the volumes are provisioned from (an EncryptedVolume). The claims
   * are labelled PHI when the workload or the class is. A PHI claim on a class the app does not
   * declare (as an EncryptedVolume or StorageClass, in any chart) is refused at synth unless the
   * set waives k8s-phi-claim-storage-unknown.
   */
  readonly storage: IEncryptedStorageClass;
  /** How the volume may be mounted. @default [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE] */
  readonly accessModes?: kplus.PersistentVolumeAccessMode[];
  /**
   * Names of the containers (or init containers) given in props that mount it.
   * @default - the containers given in props (not the init containers)
   */
  readonly containers?: string[];
}

/** Props of {@link SecureStatefulSet}: the pod props every hardened workload shares, and the StatefulSet's own. */
export interface SecureStatefulSetProps extends Omit<kplus.StatefulSetProps, 'containers' | 'securityContext' | 'service' | 'serviceAccount' | 'automountServiceAccountToken' | 'isolate'>,
  SecurePodProps {
  /** Containers of the pod (at least one; at least one declares a port, for the headless Service). */
  readonly containers: SecureContainerProps[];
  /** Volume claim templates: per-replica volumes from encrypted StorageClasses, retained on scale-down and deletion. @default - none */
  readonly volumeClaims?: SecureVolumeClaim[];
  /** Most pods that may be down at once during voluntary disruptions (PodDisruptionBudget, created when replicas > 1). @default 1 */
  readonly maxUnavailable?: number;
  /**
   * Name of the headless Service, which is the DNS name clients use (`<serviceName>`, and
   * `<pod>.<serviceName>` for one replica). A DNS-1035 label.
   * @default - a name cdk8s makes unique from the construct path
   */
  readonly serviceName?: string;
}

/**
 * A StatefulSet whose pods are hardened like {@link SecureDeployment}'s (the same PodHardening:
 * ServiceAccount without a token, non-root UID/GID 10001, read-only root filesystem, no
 * privilege escalation, all capabilities dropped, seccomp and AppArmor runtime/default, an
 * in-memory /tmp, secrets as read-only files, PHI labels, NetworkPolicies for the declared
 * flows, topology spread), built on cdk8s-plus-28's StatefulSet. Each replica's volumes come
 * from claim templates on encrypted StorageClasses (labelled PHI and owner) and are retained
 * when the set is scaled down or deleted; its headless Service (`<id>Service`, beside it, as
 * kplus puts a Deployment's Service) carries the workload's labels and waivers; a
 * PodDisruptionBudget is written when replicas > 1.
 */
export class SecureStatefulSet extends kplus.StatefulSet {
  /** The ServiceAccount the pods run as (token not mounted). */
  public readonly podServiceAccount: kplus.IServiceAccount;
  /** The PodDisruptionBudget, when replicas > 1. */
  public readonly podDisruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The volume claim templates, as given. */
  public readonly volumeClaims: readonly SecureVolumeClaim[];

  private readonly hardening: PodHardening;
  private readonly claimLabels: Record<string, string>;
  private readonly claimMounts: readonly { name: string; mountPath: string; containers: readonly string[] }[];

  constructor(scope: Construct, id: string, props: SecureStatefulSetProps) {
    PodHardening.validate(childPath(scope, id), props, STATEFUL_SET_KIND, (p, raw) => statefulSetProps().statefulSetProblems(p, raw));
    // kplus builds the headless Service from the containers' ports, which it does not have yet
    // (they are added hardened below), so the Service is made here from the props' ports.
    const service = new kplus.Service(scope, `${id}Service`, {
      clusterIP: 'None',
      ports: servicePorts(props.containers),
      metadata: { ...props.serviceName === undefined ? {} : { name: props.serviceName }, namespace: props.metadata?.namespace },
    });
    super(scope, id, { ...PodHardening.podProps(id, props), service });
    this.hardening = new PodHardening(this, props, STATEFUL_SET_KIND);
    this.podServiceAccount = this.hardening.serviceAccount;
    this.hardening.addInitialContainersAndFlows(props);
    this.hardening.adoptService(service);
    this.podDisruptionBudget = this.hardening.disruptionBudget(props.replicas ?? 1, props.maxUnavailable);

    this.volumeClaims = [...props.volumeClaims ?? []];
    const initial = props.containers.map((c) => c.name ?? workloadProps().DEFAULT_CONTAINER_NAME);
    this.claimMounts = this.volumeClaims.map((c) => ({ name: c.name, mountPath: c.mountPath, containers: c.containers ?? initial }));
    this.claimLabels = { [PHI_LABEL]: String(props.phi ?? true) };
    if (props.owner) this.claimLabels[OWNER_LABEL] = toLabelValue(props.owner);
    this.node.addValidation({ validate: () => statefulSetProps().unverifiedStorageProblems(this, this.volumeClaims, props.phi ?? true) });
  }

  /** Adds a container with the hardened security context, /tmp and the secret mounts. */
  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    return this.hardening.addContainer(cont, (hardened) => super.addContainer(hardened));
  }

  /** Adds an init container with the hardened security context, /tmp and the secret mounts. */
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    return this.hardening.addContainer(cont, (hardened) => super.addInitContainer(hardened), 'addInitContainer');
  }

  /**
   * @internal The StatefulSet spec with the volume claim templates (class, size, PHI and owner
   * labels) and a retention policy that keeps the claims when the set is scaled down or deleted.
   */
  public _toKube(): k8s.StatefulSetSpec {
    const spec = super._toKube();
    if (this.volumeClaims.length === 0) return spec;
    const { claimQuantity } = statefulSetProps();
    return {
      ...spec,
      volumeClaimTemplates: this.volumeClaims.map((c) => ({
        metadata: {
          name: c.name,
          labels: { ...this.claimLabels, ...(c.storage.phi ? { [PHI_LABEL]: 'true' } : {}) },
        },
        spec: {
          accessModes: c.accessModes ?? [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
          storageClassName: c.storage.storageClassName,
          resources: { requests: { storage: k8s.Quantity.fromString(claimQuantity(c.size)!) } },
        },
      })),
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    };
  }

  /** @internal The hardened pod spec with the claim volumes mounted read-write into their containers. */
  public _toPodSpec(): k8s.PodSpec {
    const spec = this.hardening.podSpec(() => super._toPodSpec());
    if (this.claimMounts.length === 0) return spec;
    const mountInto = (list: k8s.Container[] | undefined) => list?.map((c) => {
      const mounts = this.claimMounts.filter((m) => m.containers.includes(c.name)).map((m) => ({ name: m.name, mountPath: m.mountPath }));
      return mounts.length === 0 ? c : { ...c, volumeMounts: [...c.volumeMounts ?? [], ...mounts] };
    });
    return { ...spec, containers: mountInto(spec.containers)!, initContainers: mountInto(spec.initContainers) };
  }
}

/**
 * The ports of the headless Service: every port the containers declare (portNumber and ports),
 * once per number and protocol, named `<protocol>-<number>` when there are several and the
 * container gave no name (the API server requires names when a Service has more than one port).
 */
function servicePorts(containers: readonly kplus.ContainerProps[]): kplus.ServicePort[] {
  const ports: { port: number; protocol?: kplus.Protocol; name?: string }[] = [];
  for (const c of containers) {
    if (c.portNumber !== undefined) ports.push({ port: c.portNumber });
    for (const p of c.ports ?? []) ports.push({ port: p.number, protocol: p.protocol, name: p.name });
  }
  const seen = new Set<string>();
  const unique = ports.filter((p) => {
    const key = `${p.protocol ?? 'TCP'}/${p.port}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.map((p) => ({
    port: p.port,
    targetPort: p.port,
    protocol: p.protocol,
    name: p.name ?? (unique.length > 1 ? `${(p.protocol ?? 'TCP').toLowerCase()}-${p.port}` : undefined),
  }));
}

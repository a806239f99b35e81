import { Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import type { Waiver } from '../check/waiver';
import { OWNER_LABEL, PHI_LABEL } from '../labels';
import { SecureConnections, WorkloadFlows } from './flows';
import { childPath } from './input-problems';
import { toLabelValue } from './label-value';
import { workloadProps } from './props-checks';
import { HipaaValidation } from './validation';
import { addWaivers, waiversOf } from './waivers';
import type { ContainerContext } from './workload-props';

/**
 * A container of a {@link SecureDeployment}. Resources and both probes are required; the
 * security context starts from the hardened defaults and any field given here overrides one
 * (a weaker value is refused at synth unless a waiver accepts it).
 */
export interface SecureContainerProps extends kplus.ContainerProps {
  /** Requests and limits for cpu, memory and ephemeral storage (all six are checked). */
  readonly resources: kplus.ContainerResources;
  /** Liveness probe: restarts a hung container. */
  readonly liveness: kplus.Probe;
  /** Readiness probe: keeps traffic away until the container can serve it. */
  readonly readiness: kplus.Probe;
}

/** An allowed inbound flow. */
export interface IngressFlow {
  /**
   * Who may connect: a workload, `kplus.Pods.select(...)`, a namespace (HipaaNamespace or
   * `kplus.Namespaces.select(...)`) or an IP block. The peer gets a policy on its side only when
   * the app owns it (a workload of the app, a namespace the app creates); every namespace or any
   * address is refused for a PHI workload unless k8s-phi-open-ingress is waived.
   */
  readonly from: kplus.INetworkPolicyPeer;
  /** Ports they may connect to (at least one). */
  readonly ports: kplus.NetworkPolicyPort[];
}

/** An allowed outbound flow. */
export interface EgressFlow {
  /**
   * Where pods may connect to: a workload, pods, a namespace, or `kplus.NetworkPolicyIpBlock.ipv4(...)`
   * for a CIDR. The peer gets a policy on its side only when the app owns it; a CIDR wider than
   * the allowed prefix (IPv4 /16, IPv6 /48 by default) is refused at synth (k8s-phi-open-egress).
   */
  readonly to: kplus.INetworkPolicyPeer;
  /** Ports they may connect to (at least one). */
  readonly ports: kplus.NetworkPolicyPort[];
}

/** A Secret mounted as read-only files. */
export interface SecretMount {
  /** The Secret (e.g. `kplus.Secret.fromSecretName(...)`, or one an External Secrets store creates). */
  readonly secret: kplus.ISecret;
  /** Directory the keys appear in, one file per key. */
  readonly mountPath: string;
  /**
   * Names of the containers (or init containers) that mount it; each must be one of this
   * SecureDeployment. A container added later with `addContainer` gets the secret only if named here.
   * @default - the containers and init containers given in props (not ones added later)
   */
  readonly containers?: string[];
}

/** Identity the pod's processes run as. */
export interface SecurePodIdentity {
  /** UID of every container's processes (>= 10000 keeps clear of host users). @default 10001 */
  readonly user?: number;
  /** Primary GID. @default 10001 */
  readonly group?: number;
  /** Group that owns mounted volumes and secret files. @default 10001 */
  readonly fsGroup?: number;
}

/** Props of {@link SecureDeployment}. */
export interface SecureDeploymentProps extends Omit<kplus.DeploymentProps, 'containers' | 'securityContext'> {
  /** Containers of the pod (at least one). */
  readonly containers: SecureContainerProps[];
  /** Whether the workload stores or processes PHI (label `hipaa-constructs.io/phi`). @default true */
  readonly phi?: boolean;
  /** Team or person accountable for the workload (label `hipaa-constructs.io/owner`). @default - not labelled */
  readonly owner?: string;
  /** UID/GID/fsGroup of the pod. @default - 10001 for each */
  readonly identity?: SecurePodIdentity;
  /** Inbound flows; everything else is denied. @default - none: nothing may connect */
  readonly ingress?: IngressFlow[];
  /** Outbound flows on top of DNS (which HipaaNamespace allows); everything else is denied. @default - none */
  readonly egress?: EgressFlow[];
  /** Secrets mounted read-only as files with mode 0400. @default - none */
  readonly secrets?: SecretMount[];
  /** Size of the memory-backed writable /tmp (counts against the memory limit). @default Size.mebibytes(64) */
  readonly tmpSize?: Size;
  /** Most pods that may be down at once during voluntary disruptions (PodDisruptionBudget, created when replicas > 1). @default 1 */
  readonly maxUnavailable?: number;
  /**
   * Accepted findings on the objects this construct creates, each with a reason and an expiry at
   * most 12 months ahead; `container` limits one to a single container of the pod. @default - none
   */
  readonly waivers?: Waiver[];
}

const DEFAULT_ID = 10001;
const INSTANCE_LABEL = 'app.kubernetes.io/instance';
const APPARMOR = 'container.apparmor.security.beta.kubernetes.io/';

/**
 * A Deployment hardened to the Pod Security Standards `restricted` profile and beyond, built on
 * cdk8s-plus-28's Deployment so `exposeViaService`, `connections`, `addContainer` and
 * `addVolume` keep working (containers added later are hardened the same way). Its own
 * ServiceAccount without a token, non-root UID/GID 10001, read-only root filesystem, no
 * privilege escalation, all capabilities dropped, seccomp and AppArmor runtime/default, a
 * size-limited in-memory /tmp, secrets as read-only files, a PodDisruptionBudget, topology
 * spread, PHI labels, and NetworkPolicies for exactly the declared flows. The chart it is in is
 * checked by the full rule pack at synth.
 */
export class SecureDeployment extends kplus.Deployment {
  /** The ServiceAccount the pods run as (token not mounted). */
  public readonly podServiceAccount: kplus.IServiceAccount;
  /** The PodDisruptionBudget, when replicas > 1. */
  public readonly podDisruptionBudget?: k8s.KubePodDisruptionBudget;

  private readonly identity: Required<SecurePodIdentity>;
  private readonly classification: Record<string, string>;
  private readonly secretMounts: SecretMount[];
  private readonly secretFields: ContainerContext['secrets'];
  private readonly validatedContainers = new WeakSet<object>();
  private readonly secretVolumes = new Map<kplus.ISecret, kplus.Volume>();
  private readonly tmpVolume: kplus.Volume;

  constructor(scope: Construct, id: string, props: SecureDeploymentProps) {
    workloadProps().validateSecureDeploymentProps(childPath(scope, id), props);
    const identity = {
      user: props.identity?.user ?? DEFAULT_ID,
      group: props.identity?.group ?? DEFAULT_ID,
      fsGroup: props.identity?.fsGroup ?? DEFAULT_ID,
    };
    const phi = String(props.phi ?? true);
    const serviceAccount = props.serviceAccount;
    super(scope, id, {
      ...props,
      // Added below, once this class can harden them.
      containers: [],
      initContainers: [],
      securityContext: { ensureNonRoot: true, user: identity.user, group: identity.group, fsGroup: identity.fsGroup },
      automountServiceAccountToken: props.automountServiceAccountToken ?? false,
      isolate: props.isolate ?? true,
      podMetadata: { ...props.podMetadata, labels: { ...props.podMetadata?.labels, [PHI_LABEL]: phi, 'app.kubernetes.io/name': toLabelValue(id) } },
    });
    this.identity = identity;
    // A secret without `containers` goes to the containers given here, not to sidecars added later.
    const initialNames = [...props.containers, ...props.initContainers ?? []].map((c) => c.name ?? workloadProps().DEFAULT_CONTAINER_NAME);
    this.secretMounts = (props.secrets ?? []).map((s) => ({ ...s, containers: s.containers ?? initialNames }));
    this.secretFields = this.secretMounts.map((s, i) => ({ field: `secrets[${i}]`, mountPath: s.mountPath, containers: s.containers }));
    for (const c of [...props.containers, ...props.initContainers ?? []]) this.validatedContainers.add(c);
    if (props.waivers !== undefined) addWaivers(this, props.waivers);
    HipaaValidation.enable(Chart.of(this));

    const labels: Record<string, string> = { [PHI_LABEL]: phi, 'app.kubernetes.io/name': toLabelValue(id), [INSTANCE_LABEL]: this.name };
    if (props.owner) labels[OWNER_LABEL] = toLabelValue(props.owner);
    for (const [k, v] of Object.entries(labels)) this.metadata.addLabel(k, v);
    this.classification = labels;
    const namespace = this.metadata.namespace;

    // app.kubernetes.io/instance names the Deployment; the objects around it carry the rest.
    const { [INSTANCE_LABEL]: _instance, ...related } = labels;
    this.podServiceAccount = serviceAccount ?? new kplus.ServiceAccount(this, 'ServiceAccount', {
      automountToken: false,
      metadata: { namespace, labels: related },
    });
    (this as { serviceAccount?: kplus.IServiceAccount }).serviceAccount = this.podServiceAccount;

    this.tmpVolume = kplus.Volume.fromEmptyDir(this, 'TmpVolume', 'tmp', {
      medium: kplus.EmptyDirMedium.MEMORY,
      sizeLimit: props.tmpSize ?? Size.mebibytes(64),
    });

    for (const c of props.containers ?? []) this.addContainer(c);
    for (const c of props.initContainers ?? []) this.addInitContainer(c);

    // Flows write the workload's side always and the peer's side only when the app owns the
    // peer; `connections` goes through the same path, so both ways of declaring a flow compose.
    const flows = new WorkloadFlows(this, phi === 'true');
    (this as { connections: kplus.PodConnections }).connections = new SecureConnections(flows);
    const flowProblems = [
      ...(props.ingress ?? []).flatMap((f, i) => flows.problems('Ingress', f.from, `ingress[${i}].from`)),
      ...(props.egress ?? []).flatMap((f, i) => flows.problems('Egress', f.to, `egress[${i}].to`)),
    ];
    if (flowProblems.length > 0) throw new Error(flowProblems.map((p) => `[${this.node.path}] ${p}`).join('\n'));
    (props.ingress ?? []).forEach((f, i) => flows.allow('Ingress', f.from, f.ports, `ingress[${i}].from`));
    (props.egress ?? []).forEach((f, i) => flows.allow('Egress', f.to, f.ports, `egress[${i}].to`));

    // Preferred anti-affinity by node as well as the topology spread below: schedulers and
    // checkers (kube-score) that only read affinity see the replicas kept apart too.
    // (kplus's `spread` prop re-adds its terms on every synth, so this is called once here.)
    this.scheduling.spread({ topology: kplus.Topology.HOSTNAME, weight: 100 });

    if ((props.replicas ?? 2) > 1) {
      this.podDisruptionBudget = new k8s.KubePodDisruptionBudget(this, 'DisruptionBudget', {
        metadata: { namespace, labels: related },
        spec: {
          maxUnavailable: k8s.IntOrString.fromNumber(props.maxUnavailable ?? 1),
          selector: { matchLabels: this.matchLabels },
        },
      });
    }
  }

  /** Adds a container with the hardened security context, /tmp and the secret mounts. */
  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    if (!this.validatedContainers.has(cont)) workloadProps().validateAddedContainer(this.node.path, cont, this.secretFields);
    return this.harden(super.addContainer(this.hardenedProps(cont)));
  }

  /** Adds an init container with the hardened security context, /tmp and the secret mounts. */
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    if (!this.validatedContainers.has(cont)) workloadProps().validateAddedContainer(this.node.path, cont, this.secretFields, 'addInitContainer');
    return this.harden(super.addInitContainer(this.hardenedProps(cont)));
  }

  /**
   * Exposes the pods through a Service that carries the workload's PHI, owner and app labels.
   * The Service is created beside this construct (cdk8s-plus puts it in the parent scope), so
   * the workload's waivers are passed on to it.
   */
  public exposeViaService(options?: kplus.DeploymentExposeViaServiceOptions): kplus.Service {
    const service = super.exposeViaService(options);
    for (const [k, v] of Object.entries(this.classification)) {
      if (k !== INSTANCE_LABEL) service.metadata.addLabel(k, v);
    }
    // A waiver limited to one container has nothing to accept on a Service.
    const waivers = waiversOf(this).filter((w) => w.container === undefined);
    if (waivers.length > 0) addWaivers(service, waivers);
    return service;
  }

  /** @internal */
  public _toPodSpec(): k8s.PodSpec {
    workloadProps().validateSecretContainers(this.node.path, this.secretFields, [...this.containers, ...this.initContainers].map((c) => c.name));
    const spec = super._toPodSpec();
    const selector = { matchLabels: this.matchLabels };
    return {
      ...spec,
      securityContext: { ...spec.securityContext, seccompProfile: { type: 'RuntimeDefault' } },
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selector },
        { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selector },
      ],
    };
  }

  private hardenedProps(cont: kplus.ContainerProps): kplus.ContainerProps {
    return {
      ...cont,
      // kplus fills in cpu/memory when resources are absent; an explicit empty object lets the
      // rules report what is missing instead of shipping guessed numbers.
      resources: cont.resources ?? {},
      securityContext: {
        ensureNonRoot: true,
        user: this.identity.user,
        group: this.identity.group,
        privileged: false,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: [kplus.Capability.ALL] },
        seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
        ...cont.securityContext,
      },
    };
  }

  private harden(container: kplus.Container): kplus.Container {
    const { normalizeMountPath, TMP_PATH } = workloadProps();
    if (!container.mounts.some((m) => normalizeMountPath(m.path) === TMP_PATH)) container.mount(TMP_PATH, this.tmpVolume);
    for (const s of this.secretMounts) {
      if (!s.containers?.includes(container.name)) continue;
      container.mount(s.mountPath, this.secretVolume(s.secret), { readOnly: true });
    }
    this.podMetadata.addAnnotation(`${APPARMOR}${container.name}`, 'runtime/default');
    return container;
  }

  private secretVolume(secret: kplus.ISecret): kplus.Volume {
    let volume = this.secretVolumes.get(secret);
    if (!volume) {
      const name = `secret-${this.secretVolumes.size}`;
      volume = kplus.Volume.fromSecret(this, `SecretVolume${this.secretVolumes.size}`, secret, { name, defaultMode: 0o400 });
      this.secretVolumes.set(secret, volume);
    }
    return volume;
  }
}

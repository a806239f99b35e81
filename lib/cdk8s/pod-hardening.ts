/**
 * The hardening every pod-bearing construct applies to its pod, in one object that holds the
 * workload (as cdk8s-plus's `PodConnections` and `WorkloadScheduling` do): a pure rewrite of the
 * props given to the kplus constructor, the children the pod needs (its ServiceAccount, the
 * in-memory /tmp, the secret volumes, the NetworkPolicies of its flows), the hardened container
 * props and mounts, and the pod-spec fields kplus does not write (seccomp, topology spread).
 * A workload construct is a thin shell around it:
 *
 * ```ts
 * class SecureX extends kplus.X {
 *   private readonly hardening: PodHardening;
 *   constructor(scope, id, props) {
 *     PodHardening.validate(childPath(scope, id), props, X_KIND, ownChecks);
 *     super(scope, id, PodHardening.podProps(id, props));
 *     this.hardening = new PodHardening(this, props, X_KIND);
 *     this.hardening.addInitialContainersAndFlows(props);
 *     // ...parts of X alone
 *   }
 *   addContainer(c) { return this.hardening.addContainer(c, (h) => super.addContainer(h)); }
 *   addInitContainer(c) { return this.hardening.addContainer(c, (h) => super.addInitContainer(h), 'addInitContainer'); }
 *   _toPodSpec() { return this.hardening.podSpec(() => super._toPodSpec()); }
 * }
 * ```
 *
 * The kind (lib/cdk8s/workload-kind.ts) names the construct in messages and says whether the
 * pods are replicated (replicas checked, a PodDisruptionBudget from {@link PodHardening.disruptionBudget})
 * and spread across zones and nodes; `ownChecks` adds the kind's own prop checks to the one Error.
 */
import { ApiObjectMetadata, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import type { Waiver } from '../check/waiver';
import { OWNER_LABEL, PHI_LABEL } from '../labels';
import { SecureConnections, WorkloadFlows } from './flows';
import { toLabelValue } from './label-value';
import { workloadProps } from './props-checks';
import { StoredSecret } from './stored-secret';
import { HipaaValidation } from './validation';
import { addWaivers, waiversOf } from './waivers';
import { DEPLOYMENT_KIND, WorkloadKind } from './workload-kind';
import type { ContainerContext, OwnPropChecks } from './workload-props';

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
  /**
   * The Secret (e.g. `kplus.Secret.fromSecretName(...)`), or a secret of a KmsSecretStore
   * (`store.addSecret(...)`; in csi mode the pod must run as the store's ServiceAccount).
   */
  readonly secret: kplus.ISecret | StoredSecret;
  /** Directory the keys appear in, one file per key. */
  readonly mountPath: string;
  /**
   * Names of the containers (or init containers) that mount it; each must be one of this
   * workload. A container added later with `addContainer` gets the secret only if named here.
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

/**
 * What a pod-bearing construct hardens its pod with: the props every hardened workload shares
 * (documented on each construct's props, e.g. SecureDeploymentProps).
 */
export interface SecurePodProps {
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
  /**
   * Accepted findings on the objects this construct creates, each with a reason and an expiry at
   * most 12 months ahead; `container` limits one to a single container of the pod. @default - none
   */
  readonly waivers?: Waiver[];
  /** The ServiceAccount the pods run as. @default - one of the workload's own, without a token */
  readonly serviceAccount?: kplus.IServiceAccount;
  /** Whether the ServiceAccount token is mounted into the pods. @default false */
  readonly automountServiceAccountToken?: boolean;
  /**
   * Whether a deny-all NetworkPolicy selects the pods (kplus's isolation), so only the declared
   * flows are allowed beside the namespace's default deny.
   * @default true
   */
  readonly isolate?: boolean;
}

/** The props of a workload construct that {@link PodHardening} reads or rewrites. */
export interface HardenedWorkloadProps extends SecurePodProps {
  /** Containers of the pod, added hardened by {@link PodHardening.addInitialContainersAndFlows}. */
  readonly containers: readonly kplus.ContainerProps[];
  /** Init containers, added as containers. @default - none */
  readonly initContainers?: readonly kplus.ContainerProps[];
  /** Labels and annotations of the pods (the PHI and app name labels are added). @default - none */
  readonly podMetadata?: ApiObjectMetadata;
}

/** What {@link PodHardening.podProps} sets in the props given to the kplus constructor. */
export interface RewrittenPodProps {
  /** Empty: the containers are added, hardened, once the helper exists. */
  readonly containers: kplus.ContainerProps[];
  /** Empty, as containers. */
  readonly initContainers: kplus.ContainerProps[];
  /** Non-root, with the identity's UID, GID and fsGroup. */
  readonly securityContext: kplus.PodSecurityContextProps;
  /** False unless the props ask for the token. */
  readonly automountServiceAccountToken: boolean;
  /** True unless the props say otherwise (kplus's default-deny policy selecting the pods). */
  readonly isolate: boolean;
  /** The props' pod metadata with the PHI and app name labels. */
  readonly podMetadata: ApiObjectMetadata;
}

const DEFAULT_ID = 10001;
const INSTANCE_LABEL = 'app.kubernetes.io/instance';
const APPARMOR = 'container.apparmor.security.beta.kubernetes.io/';

/** The identity with every default filled in. */
function identityOf(props: SecurePodProps): Required<SecurePodIdentity> {
  return {
    user: props.identity?.user ?? DEFAULT_ID,
    group: props.identity?.group ?? DEFAULT_ID,
    fsGroup: props.identity?.fsGroup ?? DEFAULT_ID,
  };
}

/**
 * The hardening of one workload's pod. Create it right after the kplus constructor, then call
 * {@link addInitialContainersAndFlows}; route the workload's `addContainer`, `addInitContainer`
 * and `_toPodSpec` through {@link addContainer} and {@link podSpec}.
 *
 * The kplus constructor gets no containers ({@link podProps}): whatever it derives from them
 * must be passed in. A kplus StatefulSet builds its headless Service from the containers' ports
 * unless `service` is given, so a StatefulSet shell creates that Service itself.
 */
export class PodHardening {
  /**
   * Throws one Error listing every problem of `props` (lib/cdk8s/workload-props.ts, loaded on
   * first use), the shared ones and those `own` records. `where` is the construct path
   * (`chart/api`): call it before the kplus constructor. `kind` names the construct in messages.
   */
  public static validate(where: string, props: unknown, kind: WorkloadKind = DEPLOYMENT_KIND, own?: OwnPropChecks): void {
    workloadProps().validateSecureDeploymentProps(where, props, kind, own);
  }

  /**
   * The props for the kplus constructor (`super(...)`): no containers yet (added hardened once
   * the helper exists), a non-root pod security context, no service account token, isolation,
   * and the PHI and app name labels on the pods. Pure: reads nothing but its arguments.
   */
  public static podProps<P extends HardenedWorkloadProps>(id: string, props: P): Omit<P, keyof RewrittenPodProps> & RewrittenPodProps {
    const identity = identityOf(props);
    const phi = String(props.phi ?? true);
    return {
      ...props,
      // Added by addInitialContainersAndFlows, once the workload can harden them.
      containers: [],
      initContainers: [],
      securityContext: { ensureNonRoot: true, user: identity.user, group: identity.group, fsGroup: identity.fsGroup },
      automountServiceAccountToken: props.automountServiceAccountToken ?? false,
      isolate: props.isolate ?? true,
      podMetadata: { ...props.podMetadata, labels: { ...props.podMetadata?.labels, [PHI_LABEL]: phi, 'app.kubernetes.io/name': toLabelValue(id) } },
    };
  }

  /** The ServiceAccount the pods run as: the one in props, or one of its own without a token. */
  public readonly serviceAccount: kplus.IServiceAccount;
  /** The workload's classification labels: PHI, app name and instance, owner when given. */
  public readonly labels: Readonly<Record<string, string>>;
  /** The labels of the objects around the workload: {@link labels} but the instance, which names the workload. */
  public readonly relatedLabels: Readonly<Record<string, string>>;

  private readonly phi: boolean;
  private readonly identity: Required<SecurePodIdentity>;
  private readonly secretMounts: SecretMount[];
  private readonly secretFields: ContainerContext['secrets'];
  private readonly validatedContainers = new WeakSet<object>();
  private readonly secretVolumes = new Map<kplus.ISecret | StoredSecret, kplus.Volume>();
  private readonly tmpVolume: kplus.Volume;

  /**
   * Labels the workload, records its waivers, enables the synth-time check of its chart, and
   * creates the children every hardened pod has: its ServiceAccount (unless props give one) and
   * the in-memory /tmp. Call right after the kplus constructor, which got {@link podProps}.
   */
  constructor(
    /** The workload whose pod this hardens. */
    public readonly workload: kplus.Workload,
    props: HardenedWorkloadProps,
    /** The kind of the workload construct (names it in messages; replicated, spread or not). */
    public readonly kind: WorkloadKind = DEPLOYMENT_KIND,
  ) {
    this.identity = identityOf(props);
    this.phi = props.phi ?? true;
    const phi = String(this.phi);
    // A secret without `containers` goes to the containers given here, not to sidecars added later.
    const initial = [...props.containers, ...props.initContainers ?? []];
    const initialNames = initial.map((c) => c.name ?? workloadProps().DEFAULT_CONTAINER_NAME);
    this.secretMounts = (props.secrets ?? []).map((s) => ({ ...s, containers: s.containers ?? initialNames }));
    this.secretFields = this.secretMounts.map((s, i) => ({ field: `secrets[${i}]`, mountPath: s.mountPath, containers: s.containers }));
    for (const c of initial) this.validatedContainers.add(c);
    if (props.waivers !== undefined) addWaivers(workload, props.waivers);
    HipaaValidation.enable(Chart.of(workload));

    const labels: Record<string, string> = { [PHI_LABEL]: phi, 'app.kubernetes.io/name': toLabelValue(workload.node.id), [INSTANCE_LABEL]: workload.name };
    if (props.owner) labels[OWNER_LABEL] = toLabelValue(props.owner);
    for (const [k, v] of Object.entries(labels)) workload.metadata.addLabel(k, v);
    this.labels = labels;

    // app.kubernetes.io/instance names the workload; the objects around it carry the rest.
    const { [INSTANCE_LABEL]: _instance, ...related } = labels;
    this.relatedLabels = related;
    this.serviceAccount = props.serviceAccount ?? new kplus.ServiceAccount(workload, 'ServiceAccount', {
      automountToken: false,
      metadata: { namespace: workload.metadata.namespace, labels: related },
    });
    (workload as { serviceAccount?: kplus.IServiceAccount }).serviceAccount = this.serviceAccount;

    this.tmpVolume = kplus.Volume.fromEmptyDir(workload, 'TmpVolume', 'tmp', {
      medium: kplus.EmptyDirMedium.MEMORY,
      sizeLimit: props.tmpSize ?? Size.mebibytes(64),
    });
  }

  /**
   * Adds the containers and init containers of props through the workload's own `addContainer`
   * and `addInitContainer` (so they are hardened), then the flows of props (refused together
   * when a peer is too open) with `connections` routed through the same path, and (for kinds
   * that spread) the preferred spread across nodes.
   */
  public addInitialContainersAndFlows(props: HardenedWorkloadProps): void {
    const workload = this.workload;
    for (const c of props.containers ?? []) workload.addContainer(c);
    for (const c of props.initContainers ?? []) workload.addInitContainer(c);

    // Flows write the workload's side always and the peer's side only when the app owns the
    // peer; `connections` goes through the same path, so both ways of declaring a flow compose.
    const flows = new WorkloadFlows(workload, this.phi);
    (workload as { connections: kplus.PodConnections }).connections = new SecureConnections(flows);
    const flowProblems = [
      ...(props.ingress ?? []).flatMap((f, i) => flows.problems('Ingress', f.from, `ingress[${i}].from`)),
      ...(props.egress ?? []).flatMap((f, i) => flows.problems('Egress', f.to, `egress[${i}].to`)),
    ];
    if (flowProblems.length > 0) throw new Error(flowProblems.map((p) => `[${workload.node.path}] ${p}`).join('\n'));
    (props.ingress ?? []).forEach((f, i) => flows.allow('Ingress', f.from, f.ports, `ingress[${i}].from`));
    (props.egress ?? []).forEach((f, i) => flows.allow('Egress', f.to, f.ports, `egress[${i}].to`));

    // Preferred anti-affinity by node as well as the topology spread in podSpec: schedulers and
    // checkers (kube-score) that only read affinity see the replicas kept apart too.
    // (kplus's `spread` prop re-adds its terms on every synth, so this is called once here.)
    if (this.kind.spread) workload.scheduling.spread({ topology: kplus.Topology.HOSTNAME, weight: 100 });
  }

  /**
   * Adds a container with `add` (the kplus `addContainer` or `addInitContainer` of the
   * workload, named by `method` in errors): validated unless given in props, with the hardened
   * security context, then /tmp, the secrets meant for it and its AppArmor annotation.
   */
  public addContainer(cont: kplus.ContainerProps, add: (hardened: kplus.ContainerProps) => kplus.Container, method = 'addContainer'): kplus.Container {
    if (!this.validatedContainers.has(cont)) {
      workloadProps().validateAddedContainer(this.workload.node.path, cont, this.secretFields, method, this.kind.construct);
    }
    return this.harden(add(this.containerProps(cont)));
  }

  /**
   * The container props with the hardened security context (non-root with the pod's UID and
   * GID, read-only root filesystem, no privilege escalation, every capability dropped, seccomp
   * runtime/default), any field the container sets overriding one; resources never left for
   * kplus to guess.
   */
  public containerProps(cont: kplus.ContainerProps): kplus.ContainerProps {
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

  /**
   * Mounts the in-memory /tmp (unless the container mounts something there itself) and the
   * secrets meant for the container (read-only), and annotates the pod with its AppArmor profile.
   */
  public harden(container: kplus.Container): kplus.Container {
    const { normalizeMountPath, TMP_PATH } = workloadProps();
    if (!container.mounts.some((m) => normalizeMountPath(m.path) === TMP_PATH)) container.mount(TMP_PATH, this.tmpVolume);
    for (const s of this.secretMounts) {
      if (!s.containers?.includes(container.name)) continue;
      container.mount(s.mountPath, this.secretVolume(s.secret), { readOnly: true });
    }
    this.workload.podMetadata.addAnnotation(`${APPARMOR}${container.name}`, 'runtime/default');
    return container;
  }

  /**
   * The pod spec `render` returns (the workload's kplus `_toPodSpec`), with seccomp
   * runtime/default for the pod and (for kinds that spread) a topology spread across zones and
   * nodes. First refuses a secret naming a container the pod does not have, before anything is
   * rendered.
   */
  public podSpec(render: () => k8s.PodSpec): k8s.PodSpec {
    const workload = this.workload;
    const names = [...workload.containers, ...workload.initContainers].map((c) => c.name);
    workloadProps().validateSecretContainers(workload.node.path, this.secretFields, names, this.kind.construct);
    const spec = render();
    const securityContext = { ...spec.securityContext, seccompProfile: { type: 'RuntimeDefault' } };
    if (!this.kind.spread) return { ...spec, securityContext };
    const selector = { matchLabels: workload.matchLabels };
    return {
      ...spec,
      securityContext,
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selector },
        { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selector },
      ],
    };
  }

  /**
   * The PodDisruptionBudget of a replicated workload (`DisruptionBudget`, a child of it) when it
   * runs more than one replica, at most `maxUnavailable` pods down at once; undefined otherwise.
   */
  public disruptionBudget(replicas: number, maxUnavailable = 1): k8s.KubePodDisruptionBudget | undefined {
    if (replicas <= 1) return undefined;
    const workload = this.workload;
    return new k8s.KubePodDisruptionBudget(workload, 'DisruptionBudget', {
      metadata: { namespace: workload.metadata.namespace, labels: this.relatedLabels },
      spec: {
        maxUnavailable: k8s.IntOrString.fromNumber(maxUnavailable),
        selector: { matchLabels: workload.matchLabels },
      },
    });
  }

  /**
   * Labels a Service of the workload with its PHI, owner and app labels and passes the
   * workload's waivers on to it (a waiver limited to one container has nothing to accept on a
   * Service), so the Service is classified and waived as the workload is. Returns the Service.
   */
  public adoptService(service: kplus.Service): kplus.Service {
    for (const [k, v] of Object.entries(this.relatedLabels)) service.metadata.addLabel(k, v);
    const waivers = waiversOf(this.workload).filter((w) => w.container === undefined);
    if (waivers.length > 0) addWaivers(service, waivers);
    return service;
  }

  /** One read-only (0400) volume per Secret (a read-only CSI volume for a csi-mode stored secret), shared by every container that mounts it. */
  private secretVolume(secret: kplus.ISecret | StoredSecret): kplus.Volume {
    let volume = this.secretVolumes.get(secret);
    if (!volume) {
      const name = `secret-${this.secretVolumes.size}`;
      const id = `SecretVolume${this.secretVolumes.size}`;
      volume = StoredSecret.isStoredSecret(secret)
        ? secret.volume(this.workload, id, name)
        : kplus.Volume.fromSecret(this.workload, id, secret, { name, defaultMode: 0o400 });
      this.secretVolumes.set(secret, volume);
    }
    return volume;
  }
}

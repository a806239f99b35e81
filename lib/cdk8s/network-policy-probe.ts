import { Cron, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { HipaaNamespace } from './hipaa-namespace';
import { childPath } from './input-problems';
import { toLabelValue } from './label-value';
import type { ProbePlan } from './network-policy-probe-script';
import { SecureCronJob } from './secure-cron-job';
import type { Waiver } from '../check/waiver';
import { OWNER_LABEL, PHI_LABEL } from '../labels';

export type { ProbeEndpoint, ProbePlan } from './network-policy-probe-script';

/* eslint-disable @typescript-eslint/no-require-imports */
const script = (): typeof import('./network-policy-probe-script') => require('./network-policy-probe-script');
const probeProps = (): typeof import('./network-policy-probe-props') => require('./network-policy-probe-props');
const membership = (): typeof import('../rules/k8s/support/mesh-membership') => require('../rules/k8s/support/mesh-membership');
/* eslint-enable @typescript-eslint/no-require-imports */

/** The label value (`app.kubernetes.io/component`) on a probe's pods and ConfigMap. */
export const PROBE_COMPONENT = 'network-policy-probe';

/** The default schedule of a NetworkPolicyProbe: every 30 minutes. */
export const DEFAULT_PROBE_SCHEDULE = Cron.schedule({ minute: '*/30' });

/** Seconds a run may take on top of its checks: scheduling the pod and pulling the image count against activeDeadlineSeconds. */
const START_SECONDS = 300;

/** A flow the probe's pod is given, and the target it must reach over it. */
export interface ProbeAllowedFlow {
  /**
   * Where the probe connects (TCP), as `host:port` (`records-api.clinic.svc.cluster.local:8080`,
   * `10.0.0.5:443`, `[fd00::1]:443`). The port is also the port of the declared flow.
   */
  readonly target: string;
  /**
   * The peer of the egress flow declared for the probe's pod, exactly as a workload's
   * `egress[].to`: a workload, `kplus.Pods.select(...)`, a namespace, or an IP block. The host
   * of `target` must be in it; the app writes the peer's side when it owns the peer.
   */
  readonly to: kplus.INetworkPolicyPeer;
}

/** Props of {@link NetworkPolicyProbe}. */
export interface NetworkPolicyProbeProps {
  /**
   * The namespaces to probe: HipaaNamespaces of the app, or the names of ones declared before the
   * probe. A probe (a SecureCronJob and its script) runs in each, as one of its workloads. Each
   * must be a PHI namespace unless `nonPhiNamespaces` is set. E.g. `[recordsNamespace]` or `['patient-records']`.
   */
  readonly namespaces: (HipaaNamespace | string)[];
  /**
   * Image the probe runs, pinned by digest. It must provide `sh`, `nc` with `-z` and `-w`
   * (busybox's, or OpenBSD netcat), `nslookup`, `timeout`, `date`, `tr` and `cut`: busybox 1.30 or
   * later (`timeout SECONDS`), or netshoot. Without one the probe fails at once, naming it.
   * E.g. `<your registry>/busybox:1.37.0@sha256:<64 hex digits>`.
   */
  readonly image: string;
  /**
   * Targets (`host:port`, TCP) the namespace's pods must not reach: each attempt must get no
   * answer (a NetworkPolicy drops it). Name targets that listen: a refused connection proves
   * nothing and fails the probe as UNTESTED. Good ones: a Service of another namespace that
   * always runs (an ingress controller), the API server, a public address.
   * @default ['kubernetes.default.svc.<clusterDomain>:443', '1.1.1.1:443'] (the API server, a Service in namespace default; the internet)
   */
  readonly mustDeny?: string[];
  /**
   * Flows the probe's pod is given (declared as a workload's egress is) and must be able to use:
   * each target must accept a connection. Its only other egress is DNS.
   * @default - none
   */
  readonly mustAllow?: ProbeAllowedFlow[];
  /**
   * Names that must resolve through the cluster DNS (over UDP, with `nslookup`).
   * @default ['kubernetes.default.svc.<clusterDomain>']
   */
  readonly dnsNames?: string[];
  /** Whether DNS over TCP must work too (a connection to kube-dns on TCP 53, which HipaaNamespace allows). @default true */
  readonly dnsOverTcp?: boolean;
  /** The cluster's DNS domain (the kubelet's `--cluster-domain`), used in the default targets and names. @default 'cluster.local' */
  readonly clusterDomain?: string;
  /**
   * How long each attempt may take (1 to 30 seconds): a denied flow shows as an attempt that
   * runs into it. The run's deadline is the checks (and the lookups of must-deny names) times
   * (timeout + 3 seconds), plus 5 minutes to start.
   * @default Duration.seconds(5)
   */
  readonly timeout?: Duration;
  /**
   * Count a must-deny target that refuses the connection or is unreachable at once as denied. Set
   * it only for a CNI set up to reject denied connections (e.g. Cilium's policy-deny-response
   * icmp): otherwise a closed port would pass as a denial.
   * @default false
   */
  readonly rejectIsDenial?: boolean;
  /** When the probe runs (read in UTC). @default Cron.schedule({ minute: '*\/30' }) (every 30 minutes) */
  readonly schedule?: Cron;
  /** Name of the CronJob and ConfigMap in each namespace (at most 52 characters). @default 'network-policy-probe' */
  readonly name?: string;
  /** Team accountable for the probes (owner label). @default - each namespace's owner */
  readonly owner?: string;
  /** Allow probing namespaces that are not PHI (`phi: false`). @default false */
  readonly nonPhiNamespaces?: boolean;
  /** Accepted findings on the probes' objects, each with a reason and an expiry at most 12 months ahead. @default - none */
  readonly waivers?: Waiver[];
  /**
   * Last day (YYYY-MM-DD, at most 12 months ahead) of the waiver of k8s-phi-namespace-mtls that
   * accepts the probe's pod outside the service mesh, in each PHI namespace probed that has one (a
   * HipaaNamespace with `mesh`). Required when one has: the pod opts out of the mesh so that its
   * connections test the NetworkPolicies, and the waiver comes back for review like any other.
   * @default - none (refused when a PHI namespace probed has a mesh)
   */
  readonly meshWaiverExpires?: string;
}

/** Why the probe's pod stays out of the mesh: the reason of its waiver of k8s-phi-namespace-mtls. */
export const PROBE_OUTSIDE_MESH_REASON =
  'The probe tests the NetworkPolicies: in the mesh its connections would end at its own proxy, which accepts them all. ' +
  'Outside it, it only opens TCP connections and closes them without sending data, listens on no port and has no ServiceAccount token.';

/**
 * Continuously tested isolation: in each namespace given, a {@link SecureCronJob} that runs as
 * one of the namespace's workloads and tries, every 30 minutes by default, the flows that must
 * be denied (the API server, the internet, Services of other namespaces: each attempt must get
 * no answer), DNS over UDP and TCP, and the egress flows declared for it (each must connect). It
 * prints one line per check and fails the Job on any difference, so alerting on failed Jobs
 * catches a policy that stopped isolating.
 *
 * The probe proves something only if it has no rights a real workload lacks: its pod is hardened
 * by the shared pod hardening, carries the PHI label like the namespace's workloads, runs without
 * a ServiceAccount token, and gets no egress but DNS (from the namespace) and the flows in
 * `mustAllow`, declared through the same mechanism as any workload's.
 *
 * In a namespace with a service mesh the pod stays out of the mesh (Istio label
 * `sidecar.istio.io/inject: "false"` and `istio.io/dataplane-mode: none`, Linkerd annotation
 * `linkerd.io/inject: disabled`), so its connections meet the NetworkPolicies and not its own
 * proxy; its flows get no mesh authorization (it has no mesh identity); and it carries a waiver
 * of k8s-phi-namespace-mtls until `meshWaiverExpires`. It then proves what the NetworkPolicies
 * let through, not the mesh's authorization (README, `NetworkPolicyProbe`, "In a namespace with a mesh").
 */
export class NetworkPolicyProbe extends Construct {
  /** The probe's CronJob in each namespace, in the order of `namespaces`. */
  public readonly cronJobs: SecureCronJob[];
  /** What each CronJob checks, in the same order. */
  public readonly plans: ProbePlan[];

  constructor(scope: Construct, id: string, props: NetworkPolicyProbeProps) {
    const choices = probeProps().validateProbeProps(childPath(scope, id), props, scope.node.root);
    super(scope, id);
    const s = script();
    const m = membership();
    // Out of every mesh: a sidecar would accept every connection itself (and keep the Job's pod running).
    const outsideMesh = {
      labels: { [m.ISTIO_INJECT_KEY]: 'false', [m.ISTIO_DATAPLANE_MODE_LABEL]: 'none' },
      annotations: { [m.LINKERD_INJECT_ANNOTATION]: 'disabled' },
    };
    this.cronJobs = [];
    this.plans = [];
    for (const { namespace, owner, phi, meshing } of choices.namespaces) {
      const plan: ProbePlan = {
        namespace: namespace.name,
        mustDeny: choices.mustDeny,
        mustAllow: choices.mustAllow,
        dnsNames: choices.dnsNames,
        dnsTcp: choices.dnsTcp,
        timeoutSeconds: choices.timeoutSeconds,
        rejectIsDenial: props.rejectIsDenial ?? false,
      };
      // One scope per namespace: the CronJob's id names its app label (app.kubernetes.io/name).
      const scope_ = new Construct(this, namespace.name);
      // Classified as the namespace's workloads are, so its policies (and the rules) treat it as one of them.
      const labels = { [PHI_LABEL]: String(phi), 'app.kubernetes.io/component': PROBE_COMPONENT, ...(owner === undefined ? {} : { [OWNER_LABEL]: toLabelValue(owner) }) };
      const files = new kplus.ConfigMap(scope_, 'Script', {
        metadata: { name: choices.name, namespace: namespace.name, labels },
        data: { 'probe.sh': s.probeScript(plan) },
      });
      files.node.addDependency(namespace);
      const cronJob = new SecureCronJob(scope_, choices.name, {
        metadata: { name: choices.name, namespace: namespace.name },
        podMetadata: { labels: { 'app.kubernetes.io/component': PROBE_COMPONENT, ...outsideMesh.labels }, annotations: { ...outsideMesh.annotations } },
        schedule: props.schedule ?? DEFAULT_PROBE_SCHEDULE,
        owner,
        phi,
        // One attempt: a retry could pass where the first run found a flow open.
        backoffLimit: 0,
        activeDeadline: Duration.seconds(s.longestRunSeconds(plan) + START_SECONDS),
        containers: [{
          name: 'probe',
          image: props.image,
          command: ['/bin/sh', `${s.PROBE_DIR}/probe.sh`],
          resources: {
            cpu: { request: kplus.Cpu.millis(10), limit: kplus.Cpu.millis(100) },
            memory: { request: Size.mebibytes(16), limit: Size.mebibytes(64) },
            // cdk8s-plus writes ephemeral storage in whole GiB: 1 is the least it can ask for.
            ephemeralStorage: { request: Size.gibibytes(1), limit: Size.gibibytes(1) },
          },
          volumeMounts: [{ path: s.PROBE_DIR, volume: kplus.Volume.fromConfigMap(scope_, 'ScriptVolume', files, { defaultMode: 0o444 }), readOnly: true }],
        }],
        // Exactly the flows it must be able to use, declared as any workload's; DNS comes from the namespace.
        egress: (props.mustAllow ?? []).map((f, i) => ({ to: f.to, ports: [kplus.NetworkPolicyPort.tcp(choices.mustAllow[i].port)] })),
        waivers: meshing === undefined || !phi || choices.meshWaiverExpires === undefined ? props.waivers
          : [...props.waivers ?? [], { ruleId: probeProps().PROBE_MESH_RULE, reason: PROBE_OUTSIDE_MESH_REASON, expires: choices.meshWaiverExpires }],
      });
      cronJob.node.addDependency(namespace);
      this.cronJobs.push(cronJob);
      this.plans.push(plan);
    }
  }
}

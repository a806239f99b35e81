import * as kplus from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { childPath } from './input-problems';
import { PodHardening, SecurePodProps } from './pod-hardening';

// Shared by every hardened workload, so defined beside PodHardening; exported from here as before.
export type { EgressFlow, IngressFlow, SecretMount, SecurePodIdentity, SecurePodProps } from './pod-hardening';

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

/** Props of {@link SecureDeployment}: the pod props every hardened workload shares, and the Deployment's own. */
export interface SecureDeploymentProps extends Omit<kplus.DeploymentProps, 'containers' | 'securityContext' | 'serviceAccount' | 'automountServiceAccountToken' | 'isolate'>, SecurePodProps {
  /** Containers of the pod (at least one). */
  readonly containers: SecureContainerProps[];
  /** Most pods that may be down at once during voluntary disruptions (PodDisruptionBudget, created when replicas > 1). @default 1 */
  readonly maxUnavailable?: number;
}

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

  private readonly hardening: PodHardening;

  constructor(scope: Construct, id: string, props: SecureDeploymentProps) {
    PodHardening.validate(childPath(scope, id), props);
    super(scope, id, PodHardening.podProps(id, props));
    this.hardening = new PodHardening(this, props);
    this.podServiceAccount = this.hardening.serviceAccount;
    this.hardening.addInitialContainersAndFlows(props);

    this.podDisruptionBudget = this.hardening.disruptionBudget(props.replicas ?? 2, props.maxUnavailable);
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
   * Exposes the pods through a Service that carries the workload's PHI, owner and app labels.
   * The Service is created beside this construct (cdk8s-plus puts it in the parent scope), so
   * the workload's waivers are passed on to it.
   */
  public exposeViaService(options?: kplus.DeploymentExposeViaServiceOptions): kplus.Service {
    return this.hardening.adoptService(super.exposeViaService(options));
  }

  /** @internal */
  public _toPodSpec(): k8s.PodSpec {
    return this.hardening.podSpec(() => super._toPodSpec());
  }
}
